package io.ftjvm.bootstrap;

/**
 * Which threads belong to the application, and their logical ids.
 *
 * <p>An inheritable thread-local gives each thread created by an application thread its own {@link
 * ThreadState} at construction time, in the parent, in creation order. Threads created by the JVM,
 * by JDK internals that do not inherit thread-locals, or by the agent (while guarded) get none and
 * are never recorded.
 */
public final class AppThreads {
  private static final InheritableThreadLocal<ThreadState> CURRENT =
      new InheritableThreadLocal<>() {
        @Override
        protected ThreadState childValue(ThreadState parent) {
          if (parent == null || parent.guarded() || !Hooks.active) {
            return null;
          }
          return parent.newChild();
        }
      };

  private AppThreads() {}

  /** The current thread's state, or null when it is not an application thread. */
  public static ThreadState current() {
    return CURRENT.get();
  }

  /** Adopts the calling thread (the main thread at agent start) under the given logical id. */
  public static ThreadState adopt(String logicalId) {
    ThreadState state = new ThreadState(logicalId);
    CURRENT.set(state);
    KnownThreads.register(Thread.currentThread(), state);
    return state;
  }

  /**
   * Makes {@code state} the calling thread's (null: none) and answers the one it replaces: a pool
   * worker takes a task's state while it runs the task, and gives it back after.
   */
  static ThreadState swap(ThreadState state) {
    ThreadState previous = CURRENT.get();
    CURRENT.set(state);
    return previous;
  }

  /** Makes the calling thread invisible to capture (used by agent threads, just in case). */
  public static void disown() {
    CURRENT.set(null);
  }
}
