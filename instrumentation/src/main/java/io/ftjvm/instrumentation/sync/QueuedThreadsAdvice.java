package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.QueuedThreads;
import java.util.Collection;
import net.bytebuddy.asm.Advice;

/**
 * {@code getQueuedThreads}, {@code getExclusiveQueuedThreads} and {@code getSharedQueuedThreads} of
 * the queued synchronizers, and a Semaphore's {@code getQueuedThreads}: for the ones whose
 * application threads wait in the agent's line, the line answers (see {@link QueuedThreads}); the
 * JDK's method is skipped.
 */
public final class QueuedThreadsAdvice {
  private QueuedThreadsAdvice() {}

  /** The answer (null: run the JDK's method). */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Thread[] enter(@Advice.This Object owner, @Advice.Origin("#m") String method) {
    return QueuedThreads.answer(owner, method, null);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(
      @Advice.Enter Thread[] answer, @Advice.Return(readOnly = false) Collection<Thread> result) {
    if (answer != null) {
      result = QueuedThreads.collection(answer);
    }
  }
}
