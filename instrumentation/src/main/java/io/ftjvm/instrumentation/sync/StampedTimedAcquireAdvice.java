package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.StampedLockHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;

/**
 * {@code StampedLock.tryWriteLock(time, unit)} and {@code tryReadLock(time, unit)}: the enter
 * advice; the exit is {@link StampedAcquireAdvice}'s, which turns the outcome into the stamp or the
 * exception for every blocking acquire.
 */
public final class StampedTimedAcquireAdvice {
  private StampedTimedAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @Advice.This Object lock,
      @Advice.Origin("#m") String method,
      @Advice.Argument(0) long time,
      @Advice.Argument(1) TimeUnit unit) {
    return StampedLockHooks.acquire(lock, method, time, unit);
  }
}
