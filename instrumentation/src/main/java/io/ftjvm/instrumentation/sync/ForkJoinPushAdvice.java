package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ForkJoinTasks;
import net.bytebuddy.asm.Advice;

/** A ForkJoinPool work queue's push of a task: the task gets its own logical id. */
public final class ForkJoinPushAdvice {
  private ForkJoinPushAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) Object task) {
    ForkJoinTasks.pushed(task);
  }
}
