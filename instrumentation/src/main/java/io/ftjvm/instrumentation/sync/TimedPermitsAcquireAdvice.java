package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;

/** {@code Semaphore.tryAcquire(permits, timeout, unit)}: as the one-permit form. */
public final class TimedPermitsAcquireAdvice {
  private TimedPermitsAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(
      @Advice.This Object semaphore,
      @Advice.Argument(0) int permits,
      @Advice.Argument(1) long timeout,
      @Advice.Argument(2) TimeUnit unit) {
    return SyncHooks.acquirePermits(semaphore, permits, timeout, unit, true, true);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter int decision,
      @Advice.Return(readOnly = false) boolean acquired,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    acquired = SyncHooks.blockingReturn(decision, acquired);
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
