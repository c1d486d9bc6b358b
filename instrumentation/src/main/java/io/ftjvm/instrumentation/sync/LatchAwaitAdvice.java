package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code CountDownLatch.await()}: it returns once the count is zero, and the countDowns are
 * ordered, so only an interrupt needs the agent: replay throws where the recorded await was
 * interrupted, instead of returning because the count reached zero first.
 */
public final class LatchAwaitAdvice {
  private LatchAwaitAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(@Advice.This Object latch) {
    return SyncHooks.awaitLatch(latch, 0, null, false);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter int decision, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
