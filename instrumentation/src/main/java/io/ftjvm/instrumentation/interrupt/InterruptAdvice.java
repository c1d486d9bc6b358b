package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.InterruptHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.interrupt()}: ordered in the target's interrupt order. Replay skips the real call
 * (the interrupt is delivered in its recorded turn, without setting the real flag).
 */
public final class InterruptAdvice {
  private InterruptAdvice() {}

  @Advice.OnMethodEnter(skipOn = InterruptHooks.Answer.class, suppress = Throwable.class)
  static Object enter(@Advice.This Thread target) {
    return InterruptHooks.beforeInterrupt(target);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object entered, @Advice.This Thread target) {
    InterruptHooks.afterInterrupt(entered, target);
  }
}
