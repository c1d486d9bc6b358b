package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.StampedLockHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code StampedLock.writeLock()}, {@code readLock()} and their {@code Interruptibly} forms: done
 * as ordered attempts under capture (see {@link StampedLockHooks}). Its exit also ends the timed
 * forms ({@link StampedTimedAcquireAdvice}).
 */
public final class StampedAcquireAdvice {
  private StampedAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@Advice.This Object lock, @Advice.Origin("#m") String method) {
    return StampedLockHooks.acquire(lock, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome,
      @Advice.Return(readOnly = false) long stamp,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    stamp = StampedLockHooks.stamp(outcome, stamp);
    thrown = StampedLockHooks.thrown(outcome, thrown);
  }
}
