package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ForkJoinTasks;
import io.ftjvm.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

/** {@code ForkJoinPool.createWorker}: the worker is created outside the application's schedule. */
public final class ForkJoinWorkerAdvice {
  private ForkJoinWorkerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static ThreadState enter() {
    return ForkJoinTasks.creatingWorker();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter ThreadState caller) {
    ForkJoinTasks.workerCreated(caller);
  }
}
