package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.ThreadIdHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.toString()}, which shows the thread's id from Java 19 on, and its group only while
 * it runs: string concatenation and {@code println(thread)} call it from inside the JDK, where no
 * call site of the application's can be rewritten, so its answer is captured here (see
 * ThreadIdHooks).
 */
public final class ThreadDescriptionAdvice {
  private ThreadDescriptionAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Return(readOnly = false) String description) {
    description = ThreadIdHooks.described(description);
  }
}
