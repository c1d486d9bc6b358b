package io.ftjvm.instrumentation.sync;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * ForkJoinPool work stealing, made part of the schedule by tasks rather than workers (see {@link
 * io.ftjvm.bootstrap.ForkJoinTasks}): a task is named where it enters a work queue (Java 17: {@code
 * push} and {@code lockedPush}; Java 25: {@code push}), runs under its name in {@code doExec}, and
 * workers are created outside the application's schedule.
 */
final class ForkJoinOrder {
  static final String POOL = "java.util.concurrent.ForkJoinPool";
  static final String QUEUE = POOL + "$WorkQueue";
  static final String TASK = "java.util.concurrent.ForkJoinTask";

  private ForkJoinOrder() {}

  static List<String> classes() {
    return List.of(POOL, QUEUE, TASK);
  }

  static AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named(QUEUE), ElementMatchers.isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ForkJoinPushAdvice.class)
                        .on(namedOneOf("push", "lockedPush").and(takesArgument(0, named(TASK))))))
        .type(named(TASK), ElementMatchers.isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ForkJoinExecAdvice.class)
                        .on(named("doExec").and(takesArguments(0)))))
        .type(named(POOL), ElementMatchers.isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ForkJoinWorkerAdvice.class)
                        .on(named("createWorker").and(takesArguments(0)))));
  }
}
