package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.HandoffHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;

/** {@code SynchronousQueue.offer(e, timeout, unit)}: done in the ordered model under capture. */
public final class HandoffTimedGiveAdvice {
  private HandoffTimedGiveAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @Advice.This Object queue,
      @Advice.Argument(0) Object item,
      @Advice.Argument(1) long timeout,
      @Advice.Argument(2) TimeUnit unit) {
    return HandoffHooks.offer(queue, item, timeout, unit);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome,
      @Advice.Return(readOnly = false) boolean given,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    given = HandoffHooks.given(outcome, given);
    thrown = HandoffHooks.thrown(outcome, thrown);
  }
}
