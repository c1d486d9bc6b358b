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
