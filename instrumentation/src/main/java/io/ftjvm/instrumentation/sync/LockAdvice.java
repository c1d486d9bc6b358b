package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code lock()} of ReentrantLock and of the read and write locks of ReentrantReadWriteLock: replay
 * waits for the recorded turn before locking. The lock is identified by its synchronizer, which its
 * conditions share. lock() cannot be interrupted: what it does with an interrupt is not an event.
 */
public final class LockAdvice {
  private LockAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.FieldValue("sync") Object sync) {
    SyncHooks.beforeUninterruptibleLock(sync);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Thrown Throwable thrown) {
    SyncHooks.afterUninterruptibleLock(sync, thrown);
  }
}
