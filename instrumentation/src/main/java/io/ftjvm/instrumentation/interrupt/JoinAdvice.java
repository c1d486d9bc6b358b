package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.InterruptHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.join(long)}: as {@link InterruptibleWaitAdvice}; on Java 17 the method is
 * synchronized on the joined thread, whose monitor is given up while replay waits for the interrupt
 * (the recorded join waited in {@code wait}, which gives it up too).
 */
public final class JoinAdvice {
  private JoinAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(@Advice.This Thread joined) {
    return InterruptHooks.interruptedInJoin(joined);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean interrupted, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = InterruptHooks.afterBlocking(interrupted, thrown);
  }
}
