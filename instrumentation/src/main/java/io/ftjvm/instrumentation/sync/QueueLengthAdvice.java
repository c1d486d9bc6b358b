package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.QueueQueries;
import net.bytebuddy.asm.Advice;

/** {@code getQueueLength}: as {@link QueueQueryAdvice}, answering a number. */
public final class QueueLengthAdvice {
  private QueueLengthAdvice() {}

  /** The answer plus one (0: run the JDK's method). */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static long enter(@Advice.This Object owner, @Advice.Origin("#m") String method) {
    return QueueQueries.answer(owner, method) + 1;
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Enter long answer, @Advice.Return(readOnly = false) int result) {
    if (answer != 0) {
      result = (int) (answer - 1);
    }
  }
}
