package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.InterruptHooks;
import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code lockInterruptibly()} of ReentrantLock and ReentrantReadWriteLock's locks: replay waits for
 * the recorded turn before locking, or, where the recorded call was interrupted, throws
 * InterruptedException once that interrupt has been delivered, without locking.
 */
public final class InterruptibleLockAdvice {
  private InterruptibleLockAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(@Advice.FieldValue("sync") Object sync) {
    if (InterruptHooks.interruptedHere()) {
      return true;
    }
    SyncHooks.beforeLock(sync);
    return false;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean interrupted,
      @Advice.FieldValue("sync") Object sync,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (interrupted) {
      thrown = new InterruptedException();
    } else if (thrown == null) {
      SyncHooks.lockAcquired(sync);
    }
  }
}
