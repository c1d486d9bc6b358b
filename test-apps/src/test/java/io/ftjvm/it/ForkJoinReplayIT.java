package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ForkJoinPool work stealing replays exactly: each task handed to a pool has a stream of its own,
 * whichever worker runs it, and the worker running it in replay carries the name of the one that
 * ran it when recorded. Both programs print the names of the threads that ran their tasks, and
 * tickets from a shared counter in the order the tasks took them.
 */
class ForkJoinReplayIT {
  static final int REPLAYS = 12;

  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // A RecursiveAction on a pool of 3 workers: invokeAll, stealing, a worker per leaf.
    "io.ftjvm.testapps.concurrent.ForkJoinTally, 64",
    // The common pool (3 workers even on a 2-core machine): a parallel stream (tasks that fork
    // themselves while they run), CompletableFuture.supplyAsync/thenApplyAsync without an
    // executor, and a RecursiveTask of some 1,600 forked tasks.
    "io.ftjvm.testapps.concurrent.ParallelStreams, 3000",
  })
  void workStealingReplaysExactlyUnderSchedulingNoise(String app, String args) throws Exception {
    List<String> java = new ArrayList<>(Ftjvm.java(app, args));
    java.add(1, "-Djava.util.concurrent.ForkJoinPool.common.parallelism=3");
    NoisyReplays.assertDependsOnInterleaving(work, java, "work stealing");

    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        Ftjvm.ftjvm(work, Map.of(), Ftjvm.record(recording, java)).expectStatus(0);
    assertNotEquals(0, recorded.stdout().length());
    assertFalse(recorded.stderr().contains("[ftjvm] warning"), recorded.stderr());
    try {
      NoisyReplays.replayAll(work, recording, recorded, REPLAYS);
      String summary =
          Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
      assertTrue(summary.contains("TASK_RUN"), summary);
    } catch (AssertionError | Exception e) {
      NoisyReplays.keep(recording, app);
      throw e;
    }
  }
}
