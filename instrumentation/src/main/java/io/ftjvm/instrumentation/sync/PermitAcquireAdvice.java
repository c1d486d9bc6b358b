package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Semaphore.acquire()} and {@code acquireUninterruptibly()}: replaced by the agent's acquire
 * (see {@link io.ftjvm.bootstrap.EventHandler#acquirePermits}), so the permit is taken in the
 * semaphore's recorded order.
 */
public final class PermitAcquireAdvice {
  private PermitAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(@Advice.This Object semaphore, @Advice.Origin("#m") String method) {
    return SyncHooks.acquirePermits(semaphore, 1, 0, null, false, method.equals("acquire"));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter int decision, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
