package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code tryLock()} of a ThreadPoolExecutor worker, which is its own synchronizer: a shutdown
 * interrupts only the workers whose tryLock succeeds (those not running a task), so it is ordered
 * like {@link TryLockAdvice}.
 */
public final class WorkerTryLockAdvice {
  private WorkerTryLockAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(@Advice.This Object worker) {
    return SyncHooks.beforeTryLock(worker, worker);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter int decision,
      @Advice.This Object worker,
      @Advice.Return(readOnly = false) boolean acquired,
      @Advice.Thrown Throwable thrown) {
    acquired = SyncHooks.afterTryLock(decision, worker, acquired, thrown);
  }
}
