package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.InterruptHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code isInterrupted()}: of the current thread, a read whose true answer is an event; of another
 * thread, a read ordered in that thread's interrupt order. Replay answers as recorded.
 */
public final class IsInterruptedAdvice {
  private IsInterruptedAdvice() {}

  @Advice.OnMethodEnter(skipOn = InterruptHooks.Answer.class, suppress = Throwable.class)
  static Object enter(@Advice.This Thread target) {
    return InterruptHooks.beforeRead(target, false);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object entered,
      @Advice.This Thread target,
      @Advice.Return(readOnly = false) boolean result) {
    result = InterruptHooks.afterRead(entered, target, false, result);
  }
}
