package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.ThreadLifeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Every {@code Thread} constructor: the new thread is paired with the logical id it inherited, so
 * that a recording can name the threads the application is shown ({@code Thread.enumerate}) and
 * replay can find them.
 */
public final class ThreadConstructorAdvice {
  private ThreadConstructorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter() {
    ThreadLifeHooks.constructing();
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This Thread created) {
    ThreadLifeHooks.constructed(created);
  }
}
