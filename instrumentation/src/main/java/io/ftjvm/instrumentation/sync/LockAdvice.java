package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code lock()} and {@code lockInterruptibly()} of ReentrantLock and of the read and write locks
 * of ReentrantReadWriteLock: replay waits for the recorded turn before locking. The lock is
 * identified by its synchronizer, which its conditions share.
 */
public final class LockAdvice {
  private LockAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.FieldValue("sync") Object sync) {
    SyncHooks.beforeLock(sync);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Thrown Throwable thrown) {
    if (thrown == null) {
      SyncHooks.lockAcquired(sync);
    }
  }
}
