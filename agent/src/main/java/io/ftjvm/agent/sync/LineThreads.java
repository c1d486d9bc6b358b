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
    return AwaitedThread.await(
        () -> {
          Thread carrier = carrier(logicalId);
          if (carrier == null) {
            synchronized (this) {
              if (carrier(logicalId) == null) {
                TurnWait.await(this, 50);
              }
            }
          }
          return carrier;
        },
        asker,
        waiting,
        logicalId,
        "to wait for a "
            + key.getClass().getName()
            + ", as the recording has it waiting when asked about");
  }

  private Thread carrier(String logicalId) {
    WeakReference<Thread> known = carriers.get(logicalId);
    return known == null ? null : known.get();
  }
}
