package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code lock()} of a ThreadPoolExecutor worker (held while it runs a task), ordered like a
 * ReentrantLock's so that a shutdown's tryLock on it is too.
 */
public final class WorkerLockAdvice {
  private WorkerLockAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object worker) {
    SyncHooks.beforeUninterruptibleLock(worker);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.This Object worker, @Advice.Thrown Throwable thrown) {
    SyncHooks.afterUninterruptibleLock(worker, thrown);
  }
}
