package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.QueuedThreads;
import net.bytebuddy.asm.Advice;

/**
 * {@code isQueued(thread)}: as {@link QueuedThreadsAdvice}; the answer holds the thread if it
 * waits. A null argument is left to the JDK's method, which throws NullPointerException.
 */
public final class IsQueuedAdvice {
  private IsQueuedAdvice() {}

  /** The answer (null: run the JDK's method). */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Thread[] enter(@Advice.This Object owner, @Advice.Argument(0) Thread asked) {
    return asked == null ? null : QueuedThreads.answer(owner, "isQueued", asked);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Enter Thread[] answer, @Advice.Return(readOnly = false) boolean result) {
    if (answer != null) {
      result = answer.length > 0;
    }
  }
}
