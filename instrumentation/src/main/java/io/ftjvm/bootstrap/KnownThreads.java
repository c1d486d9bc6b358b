package io.ftjvm.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every application thread with its logical id, both ways, from the moment its constructor returns:
 * a recording names the threads the application was shown by id ({@code Thread.enumerate}), and
 * replay answers with the threads of its own run that carry those ids. Weak: a thread that ended
 * and is no longer referenced is not kept alive for a question that can no longer name it.
 */
public final class KnownThreads {
  private static final WeakIdentityTable<ThreadState> STATES = new WeakIdentityTable<>();
  private static final Map<String, WeakReference<Thread>> BY_ID = new ConcurrentHashMap<>();

  /** Threads waiting in {@link #awaitCreated} for a thread to be constructed. */
  private static final Object CREATED = new Object();

  /** Registrations since the last sweep of ids whose thread is gone. */
  private static int sinceSweep;

  private static final int SWEEP_EVERY = 4096;

  private KnownThreads() {}

  /** {@code thread} carries {@code state}: called by the thread that constructed it. */
  static void register(Thread thread, ThreadState state) {
    STATES.put(thread, state);
    BY_ID.put(state.logicalId(), new WeakReference<>(thread));
    synchronized (CREATED) {
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        sweep();
      }
      CREATED.notifyAll();
    }
  }

  /** The logical id of {@code thread}, or null when it is not the application's. */
  public static String logicalId(Thread thread) {
    ThreadState state = STATES.get(thread);
    return state == null ? null : state.logicalId();
  }

  /** The thread of this run that carries {@code logicalId}, or null when none has been made. */
  public static Thread byId(String logicalId) {
    WeakReference<Thread> known = BY_ID.get(logicalId);
    return known == null ? null : known.get();
  }

  /**
   * The thread carrying {@code logicalId}, waiting at most {@code millis} for its constructor to
   * return; null if it has not by then.
   */
  public static Thread awaitCreated(String logicalId, long millis) throws InterruptedException {
    synchronized (CREATED) {
      Thread thread = byId(logicalId);
      if (thread == null) {
        TurnWait.await(CREATED, millis);
        thread = byId(logicalId);
      }
      return thread;
    }
  }

  /** Drops the ids whose thread has been collected (a server that makes a thread per client). */
  private static void sweep() {
    for (Iterator<WeakReference<Thread>> it = BY_ID.values().iterator(); it.hasNext(); ) {
      if (it.next().get() == null) {
        it.remove();
      }
    }
  }
}
