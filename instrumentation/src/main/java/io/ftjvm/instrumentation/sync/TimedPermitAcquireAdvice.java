package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;

/**
 * {@code Semaphore.tryAcquire(timeout, unit)}: replaced by the agent's acquire; whether it timed
 * out is recorded, and replay answers a recorded timeout without waiting.
 */
public final class TimedPermitAcquireAdvice {
  private TimedPermitAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(
      @Advice.This Object semaphore,
      @Advice.Argument(0) long timeout,
      @Advice.Argument(1) TimeUnit unit) {
    return SyncHooks.acquirePermits(semaphore, 1, timeout, unit, true, true);
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
