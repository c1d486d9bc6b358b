package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.HandoffHooks;
import net.bytebuddy.asm.Advice;

/** {@code SynchronousQueue.offer(e)}: done in the ordered model (HandoffHooks) under capture. */
public final class HandoffGiveAdvice {
  private HandoffGiveAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@Advice.This Object queue, @Advice.Argument(0) Object item) {
    return HandoffHooks.offer(queue, item);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object outcome, @Advice.Return(readOnly = false) boolean given) {
    given = HandoffHooks.given(outcome, given);
  }
}
