package io.ftjvm.bootstrap;

/**
 * What the queue queries of a synchronizer the agent orders answer. Its application threads wait in
 * the agent's line (see {@link EventHandler#acquireBlocking}), not in the JDK's queue, which would
 * answer that no one waits. The line's state at a question is one {@code long}, as a {@code
 * QUEUE_VIEW} determinant records it: length &lt;&lt; 2, | 2 if a thread ever waited, | 1 if a
 * thread waits ahead of the one asking.
 */
public final class QueueView {
  /** The answer of a method these views do not answer: the JDK's own method runs. */
  public static final long NOT_ANSWERED = -1;

  private QueueView() {}

  public static long of(int length, boolean everContended, boolean someoneAhead) {
    return ((long) length << 2) | (everContended ? 2 : 0) | (someoneAhead ? 1 : 0);
  }

  /**
   * The answer of {@code method} (a boolean as 0 or 1), or {@link #NOT_ANSWERED}. The methods
   * answering with threads ({@code getQueuedThreads}, {@code getFirstQueuedThread}, {@code
   * isQueued}) are left to the JDK: a recording holds no threads to answer with.
   */
  public static long answer(long view, String method) {
    switch (method) {
      case "hasQueuedPredecessors":
        return view & 1;
      case "hasContended":
        return (view >> 1) & 1;
      case "hasQueuedThreads":
        return view >> 2 > 0 ? 1 : 0;
      case "getQueueLength":
        return view >> 2;
      default:
        return NOT_ANSWERED;
    }
  }
}
