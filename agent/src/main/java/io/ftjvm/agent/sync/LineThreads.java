package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.bootstrap.ThreadsById;
import java.util.Map;

/**
 * Replay: the thread carrying each logical id that reached a blocking acquire (a Semaphore's, a
 * custom synchronizer's). A recording names the threads in a synchronizer's line by logical id
 * (QUEUED_THREADS); the application asking is answered with the threads of this run that carry
 * those ids (a fork-join task's id is carried by whichever worker runs it, so they are noted where
 * they wait, not where they were made).
 */
final class LineThreads {
  private final ThreadsById carriers = new ThreadsById();

  /** The calling thread, carrying {@code logicalId}, is at a blocking acquire. */
  void arrived(String logicalId) {
    carriers.put(logicalId, Thread.currentThread());
  }

  /**
   * The thread carrying {@code logicalId}, once it has reached a blocking acquire. Until then the
   * asking thread waits, noted in {@code waiting} for the stall report.
   */
  Thread await(String logicalId, ThreadState asker, Object key, Map<String, String> waiting)
      throws InterruptedException {
    return AwaitedThread.await(
        () -> carriers.await(logicalId, 50),
        asker,
        waiting,
        logicalId,
        "to wait for a "
            + key.getClass().getName()
            + ", as the recording has it waiting when asked about");
  }
}
