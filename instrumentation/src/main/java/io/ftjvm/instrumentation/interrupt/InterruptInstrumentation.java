package io.ftjvm.instrumentation.interrupt;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Interrupts: {@code Thread.interrupt()}, the reads of the flag ({@code Thread.interrupted()},
 * {@code isInterrupted()}), and the blocking calls that end with InterruptedException without
 * reading it in Java code ({@code Thread.join(long)}, {@code TimeUnit.sleep}; {@code Thread.sleep}
 * and {@code Object.wait} call sites are rewritten by the call-site module). java.util.concurrent
 * waits read the flag with {@code Thread.interrupted()}, so they need nothing more. A thread's end
 * ({@code Thread.exit}) and the joins that return are steps of the same order ({@code isAlive} call
 * sites are rewritten by the call-site module). Each thread's constructor pairs it with its logical
 * id, which names it when the application lists the threads alive ({@code Thread.enumerate}), and
 * the thread's id that {@code toString()} shows is captured as {@code getId()} call sites are.
 */
public final class InterruptInstrumentation implements CaptureModule {
  private static final String THREAD = "java.lang.Thread";
  private static final String TIME_UNIT = "java.util.concurrent.TimeUnit";

  @Override
  public String name() {
    return "interrupt";
  }

  @Override
  public List<String> jdkClasses() {
    return List.of(THREAD, TIME_UNIT);
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named(THREAD), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(InterruptAdvice.class)
                            .on(named("interrupt").and(takesArguments(0)).and(not(isStatic()))))
                    .visit(
                        Advices.to(InterruptedAdvice.class)
                            .on(named("interrupted").and(takesArguments(0)).and(isStatic())))
                    .visit(
                        Advices.to(IsInterruptedAdvice.class)
                            .on(named("isInterrupted").and(takesArguments(0)).and(not(isStatic()))))
                    .visit(
                        Advices.to(JoinAdvice.class)
                            .on(named("join").and(takesArguments(long.class))))
                    .visit(
                        Advices.to(ThreadExitAdvice.class)
                            .on(named("exit").and(takesArguments(0)).and(not(isStatic()))))
                    .visit(Advices.to(ThreadConstructorAdvice.class).on(isConstructor()))
                    .visit(
                        Advices.to(ThreadDescriptionAdvice.class)
                            .on(named("toString").and(takesArguments(0)))))
        .type(named(TIME_UNIT), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(InterruptibleWaitAdvice.class)
                        .on(named("sleep").and(takesArguments(long.class)))));
  }
}
