package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ForkJoinTasks;
import net.bytebuddy.asm.Advice;

/** {@code ForkJoinTask.doExec}: the running thread takes the task's logical id meanwhile. */
public final class ForkJoinExecAdvice {
  private ForkJoinExecAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static ForkJoinTasks.Frame enter(@Advice.This Object task) {
    return ForkJoinTasks.running(task);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter ForkJoinTasks.Frame frame) {
    ForkJoinTasks.ran(frame);
  }
}
