package io.ftjvm.bootstrap;

/**
 * A blocking acquire that the agent does itself instead of the JDK's queue (see {@link
 * EventHandler#acquireBlocking}): a Semaphore's permits, or a hold of a synchronizer the
 * application built on AbstractQueuedSynchronizer. The agent makes non-blocking attempts, each in
 * the order of {@link #key()}, until one succeeds, so the taking is a turn of that order like every
 * other operation on the object.
 */
public abstract class BlockingAcquire {
  private final Object key;

  /** What the current attempt is told of the threads queued on the key (see {@link QueueView}). */
  private long queueView;

  /** Whether the current attempt asked about them (a fair tryAcquire does). */
  private boolean queueAsked;

  protected BlockingAcquire(Object key) {
    this.key = key;
  }

  /** The object whose order the attempts take turns in. */
  public final Object key() {
    return key;
  }

  /**
   * One attempt that never blocks: true when it took what it asks for. Called with the thread's
   * guard raised, so the application code it may run (a synchronizer's tryAcquire) logs nothing.
   */
  public abstract boolean attempt();

  /**
   * {@link #attempt}, in the key's order. When the application's code in it throws (a tryAcquire
   * that refuses its argument, a tryAcquireShared it never wrote), the attempt still was a turn of
   * that order, which may have changed the state before throwing: {@code takeTurn} logs it (record)
   * or consumes it (replay), so replay reaches the same throw at the same turn and the threads
   * after it are not left waiting for it.
   */
  public final boolean attemptInTurn(Runnable takeTurn) {
    try {
      return attempt();
    } catch (ApplicationThrew e) {
      takeTurn.run();
      throw e;
    }
  }

  /** Thrown by {@link #attempt} when the application's code it ran threw (the cause). */
  public static final class ApplicationThrew extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApplicationThrew(Throwable cause) {
      super(null, cause, false, false);
    }
  }

  /**
   * Whether a thread that finds others waiting must wait behind them without trying (a fair
   * Semaphore, whose attempt, {@code tryAcquire(n)}, barges). A synchronizer the application wrote
   * decides that in its own tryAcquire, by asking {@code hasQueuedPredecessors()}.
   */
  public boolean queuesFairly() {
    return false;
  }

  /**
   * Whether the thread waits for a shared hold (a Semaphore's permits, a custom synchronizer's
   * acquireShared), as the JDK's queue would mark its node: {@code getSharedQueuedThreads} and
   * {@code getExclusiveQueuedThreads} tell the waiters apart by it.
   */
  public boolean shared() {
    return true;
  }

  /**
   * Sets what the next attempt's questions about the queue are answered ({@link QueueView}); the
   * agent calls it before each attempt, with the key's serial lock held.
   */
  public final void showQueue(long view) {
    queueView = view;
    queueAsked = false;
  }

  /** The attempt asked about the queue: the view it was shown (record logs it with the taking). */
  public final boolean queueAsked() {
    return queueAsked;
  }

  public final long queueView() {
    return queueView;
  }

  /**
   * An answer for the application's code in the attempt, from the view shown to it ({@link
   * QueueView#answer}); notes that it asked.
   */
  public final long answerQueueQuery(String method) {
    queueAsked = true;
    return QueueView.answer(queueView, method);
  }

  /** What is acquired, for reports: "2 permit(s)". */
  public abstract String what();

  /** What the object held when the attempt of a recorded turn failed, for reports. */
  public abstract String found();
}
