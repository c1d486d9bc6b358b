package io.ftjvm.bootstrap;

/**
 * Every application thread with its logical id, both ways, from the moment its constructor returns:
 * a recording names the threads the application was shown by id ({@code Thread.enumerate}), and
 * replay answers with the threads of its own run that carry those ids. Weak both ways: a thread
 * that ended and is no longer referenced is not kept alive here.
 */
public final class KnownThreads {
  private static final WeakIdentityTable<ThreadState> STATES = new WeakIdentityTable<>();
  private static final ThreadsById BY_ID = new ThreadsById();

  private KnownThreads() {}

  /** {@code thread} carries {@code state}: called by the thread that constructed it. */
  static void register(Thread thread, ThreadState state) {
    STATES.put(thread, state);
    BY_ID.put(state.logicalId(), thread);
  }

  /** The logical id of {@code thread}, or null when it is not the application's. */
  public static String logicalId(Thread thread) {
    ThreadState state = STATES.get(thread);
    return state == null ? null : state.logicalId();
  }

  /** The thread of this run that carries {@code logicalId}, or null when none has been made. */
  public static Thread byId(String logicalId) {
    return BY_ID.get(logicalId);
  }

  /**
   * The thread carrying {@code logicalId}, waiting at most {@code millis} for its constructor to
   * return; null if it has not by then.
   */
  public static Thread awaitCreated(String logicalId, long millis) throws InterruptedException {
    return BY_ID.await(logicalId, millis);
  }
}
