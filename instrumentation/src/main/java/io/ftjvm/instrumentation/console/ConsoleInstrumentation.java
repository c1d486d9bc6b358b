package io.ftjvm.instrumentation.console;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Standard output as an output that replay compares: every byte written to file descriptor 1
 * (System.out, and anything else writing there through a FileOutputStream) is recorded per thread,
 * and a replay that prints something else stops with a report. That is how a data race on plain
 * fields, invisible to lock ordering, becomes a report instead of a silent difference.
 */
public final class ConsoleInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "console";
  }

  @Override
  public List<String> jdkClasses() {
    return List.of("java.io.FileOutputStream");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("java.io.FileOutputStream"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(ConsoleArrayWriteAdvice.class)
                            .on(
                                named("write")
                                    .and(takesArguments(byte[].class, int.class, int.class))))
                    .visit(
                        Advices.to(ConsoleWholeArrayWriteAdvice.class)
                            .on(named("write").and(takesArguments(byte[].class))))
                    .visit(
                        Advices.to(ConsoleByteWriteAdvice.class)
                            .on(named("write").and(takesArguments(int.class)))));
  }
}
