package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.HandoffHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code SynchronousQueue.poll(timeout, unit)}: done in the ordered model under capture. */
public final class HandoffTimedTakeAdvice {
  private HandoffTimedTakeAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @Advice.This Object queue,
      @Advice.Argument(0) long timeout,
      @Advice.Argument(1) TimeUnit unit) {
    return HandoffHooks.poll(queue, timeout, unit);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object taken,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    taken = HandoffHooks.taken(outcome, taken);
    thrown = HandoffHooks.thrown(outcome, thrown);
  }
}
