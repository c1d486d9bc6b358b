package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.ThreadLifeHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.exit()}, which the JVM calls on a thread that is ending, before it marks the thread
 * dead and wakes its joiners: the end is a step of the thread's order.
 */
public final class ThreadExitAdvice {
  private ThreadExitAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter() {
    ThreadLifeHooks.ending();
  }
}
