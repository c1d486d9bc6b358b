package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.QueueQueries;
import net.bytebuddy.asm.Advice;

/**
 * {@code hasQueuedPredecessors}, {@code hasQueuedThreads} and {@code hasContended} of the queued
 * synchronizers, and a Semaphore's {@code hasQueuedThreads}: for the ones the agent orders, whose
 * application threads wait in its line and not in the JDK's queue, the line answers (see {@link
 * QueueQueries}); the JDK's method is skipped.
 */
public final class QueueQueryAdvice {
  private QueueQueryAdvice() {}

  /** The answer plus one (0: run the JDK's method). */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static long enter(@Advice.This Object owner, @Advice.Origin("#m") String method) {
    return QueueQueries.answer(owner, method) + 1;
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Enter long answer, @Advice.Return(readOnly = false) boolean result) {
    if (answer != 0) {
      result = answer != 1;
    }
  }
}
