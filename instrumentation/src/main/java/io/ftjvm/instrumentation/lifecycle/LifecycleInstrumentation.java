package io.ftjvm.instrumentation.lifecycle;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/** The application's exit status, so replay can check it ends the way the recording did. */
public final class LifecycleInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "lifecycle";
  }

  @Override
  public java.util.List<String> jdkClasses() {
    return java.util.List.of("java.lang.Runtime");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("java.lang.Runtime"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(RuntimeExitAdvice.class)
                        .on(named("exit").and(takesArguments(int.class)))));
  }
}
