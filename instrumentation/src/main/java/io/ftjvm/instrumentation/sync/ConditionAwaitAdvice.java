package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import java.util.concurrent.locks.Condition;
import net.bytebuddy.asm.Advice;

/**
 * The await methods of AbstractQueuedSynchronizer's conditions (ReentrantLock conditions, and so
 * every BlockingQueue): when await returns, or throws InterruptedException, the lock has been
 * re-acquired, an ordered event.
 */
public final class ConditionAwaitAdvice {
  private ConditionAwaitAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.This Object condition,
      @Advice.FieldValue("this$0") Object sync,
      @Advice.Thrown Throwable thrown) {
    SyncHooks.conditionAwaitEnded(sync, (Condition) condition, thrown);
  }
}
