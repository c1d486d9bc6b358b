package io.ftjvm.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads of this run by the logical id they carry, for replay to answer a question whose recorded
 * answer names threads by id, with a wait for one that has not come yet. Weak: a thread that ended
 * and is no longer referenced is not kept alive for a question that can no longer name it, and the
 * ids of such threads are dropped now and then (a server that makes a thread per client).
 */
public final class ThreadsById {
  private static final int SWEEP_EVERY = 4096;

  private final Map<String, WeakReference<Thread>> byId = new ConcurrentHashMap<>();

  /** Entries added since the last sweep; guarded by this. */
  private int sinceSweep;

  /** {@code thread} carries {@code logicalId} now; wakes the threads waiting for it. */
  public void put(String logicalId, Thread thread) {
    if (get(logicalId) == thread) {
      return;
    }
    byId.put(logicalId, new WeakReference<>(thread));
    synchronized (this) {
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        sweep();
      }
      notifyAll();
    }
  }

  /** The thread carrying {@code logicalId}, or null if none has come (or it is gone). */
  public Thread get(String logicalId) {
    WeakReference<Thread> known = byId.get(logicalId);
    return known == null ? null : known.get();
  }

  /** The thread carrying {@code logicalId}, waiting at most {@code millis} for it; else null. */
  public Thread await(String logicalId, long millis) throws InterruptedException {
    Thread thread = get(logicalId);
    if (thread != null) {
      return thread;
    }
    synchronized (this) {
      if (get(logicalId) == null) {
        TurnWait.await(this, millis);
      }
    }
    return get(logicalId);
  }

  private void sweep() {
    for (Iterator<WeakReference<Thread>> it = byId.values().iterator(); it.hasNext(); ) {
      if (it.next().get() == null) {
        it.remove();
      }
    }
  }
}
