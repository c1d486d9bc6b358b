package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.HandoffHooks;
import net.bytebuddy.asm.Advice;

/** {@code SynchronousQueue.put(e)}: done in the ordered model under capture. */
public final class HandoffPutAdvice {
  private HandoffPutAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@Advice.This Object queue, @Advice.Argument(0) Object item) {
    return HandoffHooks.put(queue, item);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = HandoffHooks.thrown(outcome, thrown);
  }
}
