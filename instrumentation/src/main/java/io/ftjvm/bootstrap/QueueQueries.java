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
    boolean synchronizer =
        owner instanceof AbstractQueuedSynchronizer
            || owner instanceof AbstractQueuedLongSynchronizer;
    if (synchronizer && !CustomSynchronizers.isCustom(owner)) {
      return QueueView.NOT_ANSWERED; // the JDK's own: its threads are in its queue
    }
    if (QueueView.answer(0, method) == QueueView.NOT_ANSWERED) {
      return QueueView.NOT_ANSWERED;
    }
    if (synchronizer) {
      ThreadState thread = AppThreads.current();
      BlockingAcquire attempt = thread == null ? null : thread.attempting;
      if (attempt != null && attempt.key() == owner) {
        return attempt.answerQueueQuery(method);
      }
    } else if (!(owner instanceof Semaphore)) {
      return QueueView.NOT_ANSWERED;
    }
    long view = SyncHooks.queueView(owner);
    return view < 0 ? QueueView.NOT_ANSWERED : QueueView.answer(view, method);
  }
}
