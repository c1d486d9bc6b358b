package io.ftjvm.bootstrap;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Questions about the threads waiting for a Semaphore or a synchronizer the application built
 * ({@code hasQueuedPredecessors}, {@code hasQueuedThreads}, {@code getQueueLength}, {@code
 * hasContended}). Under capture these threads wait in the agent's line, so the line answers (see
 * {@link QueueView}):
 *
 * <ul>
 *   <li>asked by the application's tryAcquire inside an attempt of the agent's acquire (a fair
 *       synchronizer asks {@code hasQueuedPredecessors}): the view the agent showed the attempt,
 *       which record logs with the taking and replay shows again;
 *   <li>asked by the application's code elsewhere: one ordered operation on the synchronizer, its
 *       answer logged (record) or read back (replay).
 * </ul>
 */
public final class QueueQueries {
  private QueueQueries() {}

  /**
   * The answer of {@code method} of {@code owner}, or {@link QueueView#NOT_ANSWERED}. The owner is
   * looked at first: the JDK's fair locks ask {@code hasQueuedPredecessors} at every acquisition,
   * and must leave at once.
   */
  public static long answer(Object owner, String method) {
    if (!answeredByLine(owner) || QueueView.answer(0, method) == QueueView.NOT_ANSWERED) {
      return QueueView.NOT_ANSWERED;
    }
    BlockingAcquire attempt = attemptOn(owner);
    if (attempt != null) {
      return attempt.answerQueueQuery(method);
    }
    long view = SyncHooks.queueView(owner);
    return view < 0 ? QueueView.NOT_ANSWERED : QueueView.answer(view, method);
  }

  /**
   * The agent's attempt on {@code owner} that the calling thread is making, if any: a question
   * asked then comes from the synchronizer's own tryAcquire.
   */
  static BlockingAcquire attemptOn(Object owner) {
    ThreadState thread = AppThreads.current();
    BlockingAcquire attempt = thread == null ? null : thread.attempting;
    return attempt != null && attempt.key() == owner ? attempt : null;
  }

  /**
   * Whether the threads waiting for {@code owner} may wait in the agent's line: a Semaphore, or a
   * synchronizer the application built. The JDK's own synchronizers keep their threads in their
   * queues, and are answered at once (their fair locks ask at every acquisition).
   */
  static boolean answeredByLine(Object owner) {
    if (owner instanceof AbstractQueuedSynchronizer
        || owner instanceof AbstractQueuedLongSynchronizer) {
      return CustomSynchronizers.isCustom(owner);
    }
    return owner instanceof Semaphore;
  }
}
