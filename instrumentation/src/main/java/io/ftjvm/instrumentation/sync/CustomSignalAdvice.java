package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.CustomSynchronizers;
import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code signal} and {@code signalAll} of AbstractQueuedSynchronizer's conditions: for a
 * synchronizer the application built, one ordered operation on the synchronizer, so a timed or
 * interrupted wait's cancelling step, ordered among the same operations, is replayed on the same
 * side of each signal (see io.ftjvm.bootstrap.ConditionWaits), and the signalled waiters are woken
 * (see {@link CustomSynchronizers#wakeSignalled}). The JDK's own locks order the cancelling step by
 * taking the lock instead.
 */
public final class CustomSignalAdvice {
  private CustomSignalAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.FieldValue("this$0") Object sync) {
    return CustomSynchronizers.isCustom(sync) && SyncHooks.beforeAtomic(sync);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean captured, @Advice.FieldValue("this$0") Object sync) {
    if (captured) {
      CustomSynchronizers.wakeSignalled(sync); // the guard is still raised
    }
    SyncHooks.afterAtomic(captured, sync);
  }
}
