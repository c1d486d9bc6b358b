package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ConditionWaits;
import io.ftjvm.bootstrap.SyncHooks;
import java.util.concurrent.locks.Condition;
import net.bytebuddy.asm.Advice;

/**
 * {@code awaitNanos}: as {@link ConditionAwaitAdvice} (the lock re-acquired is an ordered event),
 * and what it answers, the nanoseconds left by the real clock, is a determinant: callers decide on
 * it whether to wait again or give up.
 */
public final class ConditionAwaitNanosAdvice {
  private ConditionAwaitNanosAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.This Object condition,
      @Advice.FieldValue("this$0") Object sync,
      @Advice.Thrown Throwable thrown,
      @Advice.Return(readOnly = false) long left) {
    SyncHooks.conditionAwaitEnded(sync, (Condition) condition, thrown);
    if (thrown == null) {
      left = ConditionWaits.nanosLeft(sync, left);
    }
  }
}
