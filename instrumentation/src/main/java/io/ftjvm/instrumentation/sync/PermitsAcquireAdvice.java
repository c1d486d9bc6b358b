package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Semaphore.acquire(int)} and {@code acquireUninterruptibly(int)}: as the one-permit form.
 */
public final class PermitsAcquireAdvice {
  private PermitsAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(
      @Advice.This Object semaphore,
      @Advice.Argument(0) int permits,
      @Advice.Origin("#m") String method) {
    return SyncHooks.acquirePermits(semaphore, permits, 0, null, false, method.equals("acquire"));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter int decision, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
