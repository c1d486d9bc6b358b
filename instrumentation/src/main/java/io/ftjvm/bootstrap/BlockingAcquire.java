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

  /** What is acquired, for reports: "2 permit(s)". */
  public abstract String what();

  /** What the object held when the attempt of a recorded turn failed, for reports. */
  public abstract String found();
}
