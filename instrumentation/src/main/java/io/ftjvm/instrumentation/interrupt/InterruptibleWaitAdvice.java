package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.InterruptHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code TimeUnit.sleep(long)}: the JVM clears the flag when it throws InterruptedException, which
 * is logged as the thread seeing its interrupt. Where the recorded call was interrupted, replay
 * waits for that interrupt and throws without calling.
 */
public final class InterruptibleWaitAdvice {
  private InterruptibleWaitAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter() {
    return InterruptHooks.interruptedHere();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean interrupted, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = InterruptHooks.afterBlocking(interrupted, thrown);
  }
}
