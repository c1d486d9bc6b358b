package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * AbstractQueuedSynchronizer's inner {@code acquire(node, arg, shared, interruptible, timed, time)}
 * when it cannot be interrupted: a {@code lock()}, and the re-acquisition at the end of a
 * condition's {@code await}. Whether it parks, and so reads the interrupt flag (then interrupts
 * itself again at the end), depends on timing; like {@code lock()}, what it does with an interrupt
 * is not an event. An interrupt it leaves pending is seen, as an event, by the thread's next read
 * outside.
 */
public final class UninterruptibleAcquireAdvice {
  private UninterruptibleAcquireAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.Argument(3) boolean interruptible) {
    return !interruptible && SyncHooks.enterUninterruptible();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean entered) {
    if (entered) {
      SyncHooks.exitUninterruptible();
    }
  }
}
