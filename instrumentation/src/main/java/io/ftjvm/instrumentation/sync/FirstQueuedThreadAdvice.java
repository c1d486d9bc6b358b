package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.QueuedThreads;
import net.bytebuddy.asm.Advice;

/** {@code getFirstQueuedThread}: as {@link QueuedThreadsAdvice}, answering one thread or null. */
public final class FirstQueuedThreadAdvice {
  private FirstQueuedThreadAdvice() {}

  /** The answer, at most one thread (null: run the JDK's method). */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Thread[] enter(@Advice.This Object owner) {
    return QueuedThreads.answer(owner, "getFirstQueuedThread", null);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Enter Thread[] answer, @Advice.Return(readOnly = false) Thread result) {
    if (answer != null) {
      result = answer.length == 0 ? null : answer[0];
    }
  }
}
