package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;

/**
 * {@code CountDownLatch.await(timeout, unit)}: whether it timed out is recorded; replay answers a
 * recorded timeout at once and otherwise waits, untimed, for the count to reach zero.
 */
public final class TimedLatchAwaitAdvice {
  private TimedLatchAwaitAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(
      @Advice.This Object latch,
      @Advice.Argument(0) long timeout,
      @Advice.Argument(1) TimeUnit unit) {
    return SyncHooks.awaitLatch(latch, timeout, unit, true);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter int decision,
      @Advice.Return(readOnly = false) boolean reachedZero,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    reachedZero = SyncHooks.blockingReturn(decision, reachedZero);
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
