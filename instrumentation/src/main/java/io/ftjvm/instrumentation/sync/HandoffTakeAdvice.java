package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.HandoffHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code SynchronousQueue.take()} and {@code poll()}: done in the ordered model under capture. */
public final class HandoffTakeAdvice {
  private HandoffTakeAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@Advice.This Object queue, @Advice.Origin("#m") String method) {
    return method.equals("take") ? HandoffHooks.take(queue) : HandoffHooks.poll(queue);
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
