package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code tryLock()} and {@code tryLock(timeout)}: whether it succeeded depends on timing. Replay
 * fails it without trying when it failed, and takes the lock in its turn when it succeeded.
 */
public final class TryLockAdvice {
  private TryLockAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(@Advice.This Object lock, @Advice.FieldValue("sync") Object sync) {
    return SyncHooks.beforeTryLock(lock, sync);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter int decision,
      @Advice.FieldValue("sync") Object sync,
      @Advice.Return(readOnly = false) boolean acquired,
      @Advice.Thrown Throwable thrown) {
    acquired = SyncHooks.afterTryLock(decision, sync, acquired, thrown);
  }
}
