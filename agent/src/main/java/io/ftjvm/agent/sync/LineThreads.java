package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.bootstrap.TurnWait;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay: the thread carrying each logical id that reached a blocking acquire (a Semaphore's, a
 * custom synchronizer's). A recording names the threads in a synchronizer's line by logical id
 * (QUEUED_THREADS); the application asking is answered with the threads of this run that carry
 * those ids. Weak: a thread that ended is not kept for a question that can no longer name it.
 */
final class LineThreads {
  private final Map<String, WeakReference<Thread>> carriers = new ConcurrentHashMap<>();

  /** The calling thread, carrying {@code logicalId}, is at a blocking acquire. */
  void arrived(String logicalId) {
    Thread self = Thread.currentThread();
    WeakReference<Thread> known = carriers.get(logicalId);
    if (known != null && known.get() == self) {
      return;
    }
    carriers.put(logicalId, new WeakReference<>(self));
    synchronized (this) {
      notifyAll();
    }
  }

  /**
   * The thread carrying {@code logicalId}, once it has reached a blocking acquire. Until then the
   * asking thread waits, noted in {@code waiting} for the stall report.
   */
  Thread await(String logicalId, ThreadState asker, Object key, Map<String, String> waiting)
      throws InterruptedException {
    try {
      while (true) {
        WeakReference<Thread> known = carriers.get(logicalId);
        Thread carrier = known == null ? null : known.get();
        if (carrier != null) {
          return carrier;
        }
        waiting.put(
            asker.logicalId(),
            "thread "
                + asker.logicalId()
                + " waits for thread "
                + logicalId
                + " to wait for a "
                + key.getClass().getName()
                + ", as the recording has it waiting when asked about");
        synchronized (this) {
          if (carriers.get(logicalId) == null) {
            TurnWait.await(this, 50);
          }
        }
      }
    } finally {
      waiting.remove(asker.logicalId());
    }
  }
}
