package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.ThreadState;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Says so when an application thread is a {@link java.util.concurrent.ForkJoinPool} worker: which
 * tasks those workers take (from their own queue, by stealing, or by helping a join) is decided by
 * lock-free races this version does not order, so a replay of a run that used them may diverge or
 * stall without the program having a data race. A recording warns once, when the first worker logs
 * an event; a replay that stops adds a note naming the workers, so the report does not blame the
 * program.
 *
 * <p>Called when a thread opens its stream or cursor (its first event), so it costs nothing on the
 * hot path.
 */
public final class UnorderedPools {
  private static volatile boolean warned;
  private static volatile String workersSeen;

  private UnorderedPools() {}

  /** Recording: warn (once, on stderr) if the thread logging its first event is a pool worker. */
  public static void recording(ThreadState thread) {
    if (!(Thread.currentThread() instanceof ForkJoinWorkerThread) || warned) {
      return;
    }
    warned = true;
    System.err.println(
        "[ftjvm] warning: "
            + describe(thread)
            + " is a ForkJoinPool worker; which tasks such workers run is not ordered by this"
            + " version, so a replay of this run may stop with a divergence where the pool's tasks"
            + " use shared state (parallel streams, CompletableFuture *Async without an executor,"
            + " ForkJoinPool; README, limits)");
    System.err.flush();
  }

  /** Replaying: remember the pool workers that took part, for {@link #replayNote()}. */
  public static void replaying(ThreadState thread) {
    if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
      return;
    }
    synchronized (UnorderedPools.class) {
      String seen = workersSeen;
      workersSeen = seen == null ? describe(thread) : seen + ", " + describe(thread);
    }
  }

  /** A note for a replay that diverged or stalled, or null if no pool worker took part. */
  public static String replayNote() {
    String seen = workersSeen;
    if (seen == null) {
      return null;
    }
    return "  note: ForkJoinPool workers took part in this run ("
        + seen
        + "); which tasks they run is not ordered by this version, so the divergence may come from"
        + " the pool's scheduling rather than from a data race (README, limits)";
  }

  private static String describe(ThreadState thread) {
    return "logical thread " + thread.logicalId() + " (" + Thread.currentThread().getName() + ")";
  }
}
