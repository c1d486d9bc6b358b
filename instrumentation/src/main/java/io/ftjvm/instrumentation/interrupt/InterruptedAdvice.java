package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.InterruptHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.interrupted()}: a read of the current thread's flag that clears it. A true answer
 * is an event; replay answers as recorded.
 */
public final class InterruptedAdvice {
  private InterruptedAdvice() {}

  @Advice.OnMethodEnter(skipOn = InterruptHooks.Answer.class, suppress = Throwable.class)
  static Object enter() {
    return InterruptHooks.beforeRead(Thread.currentThread(), true);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Enter Object entered, @Advice.Return(readOnly = false) boolean result) {
    result = InterruptHooks.afterRead(entered, Thread.currentThread(), true, result);
  }
}
