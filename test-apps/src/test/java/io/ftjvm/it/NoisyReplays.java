package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Noisy replays of recordings, as a user checking a recording runs them: {@code ftjvm replay
 * --repeat N} with scheduling noise (random short pauses before lock events), each batch at its own
 * noise level (50 to 200 µs), two batches at a time: the CI machine has two cores, and three at a
 * time was no faster there. Every replay is a JVM of its own. Batches of several replays start the
 * CLI's JVM once for all of them, which was a fifth of the CPU time of a replay run one by one.
 *
 * <p>The replaying JVMs compile with C1 only ({@link #REPLAY_JVM}): most of a short replay is the
 * agent's start-up, which then costs about 40% less CPU (1.3 s against 2.2 s for an empty program
 * on this machine). The JIT tier changes timing, which the replays should survive anyway, never
 * what the program does; the recordings run with the JVM's defaults.
 */
final class NoisyReplays {
  private NoisyReplays() {}

  /** The environment of the replaying JVMs (the CLI's and the program's). */
  static final Map<String, String> REPLAY_JVM =
      Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");

  /** Replays in a batch: one CLI start for several replays, and enough batches for two cores. */
  static final int BATCH = 7;

  /**
   * Runs the program three times without the agent: they must not all print the same, or the test's
   * replays would prove nothing.
   */
  static void assertDependsOnInterleaving(Path work, List<String> javaCommand, String what)
      throws Exception {
    Callable<String> run = () -> Ftjvm.run(work, Map.of(), javaCommand).expectStatus(0).stdout();
    List<String> out = twoAtATime(List.of(run, run, run));
    assertTrue(
        !out.get(0).equals(out.get(1)) || !out.get(0).equals(out.get(2)),
        "the program should depend on " + what + " for this test to mean anything");
  }

  /** Replays {@code count} times; every replay must exit 0 and print what the recording did. */
  static void replayAll(Path work, Path recording, Ftjvm.Result recorded, int count)
      throws Exception {
    replayAll(work, List.of(recording), List.of(recorded), count);
  }

  /**
   * Replays each recording {@code countEach} times, in batches that each run at their own noise
   * level; every replay must exit 0 and print what its recording did.
   */
  static void replayAll(
      Path work, List<Path> recordings, List<Ftjvm.Result> recorded, int countEach)
      throws Exception {
    List<Callable<Void>> batches = new ArrayList<>();
    for (int r = 0; r < recordings.size(); r++) {
      Path recording = recordings.get(r);
      String transcript = recorded.get(r).stdout();
      int batchesOfThis = (countEach + BATCH - 1) / BATCH;
      for (int b = 0; b < batchesOfThis; b++) {
        // Sizes as even as they go (25: 7, 6, 6, 6), so the two cores finish together.
        int size = countEach / batchesOfThis + (b < countEach % batchesOfThis ? 1 : 0);
        String jitter = "replayJitterMicros=" + (50 + 50 * (b % 4));
        String what = size + " replays of " + recording.getFileName() + " with " + jitter;
        batches.add(
            () -> {
              Ftjvm.Result replayed =
                  Ftjvm.ftjvm(
                          work,
                          REPLAY_JVM,
                          "replay",
                          recording.toString(),
                          "--repeat",
                          String.valueOf(size),
                          "--agent-option",
                          jitter)
                      .expectStatus(0);
              assertEquals(
                  transcript.repeat(size),
                  replayed.stdout(),
                  what + ": one printed something else");
              return null;
            });
      }
    }
    twoAtATime(batches);
  }

  /**
   * Runs the jobs two at a time and answers their results in order; the first failure is thrown.
   */
  static <T> List<T> twoAtATime(List<Callable<T>> jobs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> job : jobs) {
        futures.add(pool.submit(job));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw (Exception) e.getCause();
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Copies a recording that failed to target/failed-recordings, so it can be inspected and replayed
   * after the run (the temporary directory is deleted).
   */
  static void keep(Path recording, String name) {
    Path target = Path.of("target", "failed-recordings", name);
    try (Stream<Path> files = Files.walk(recording)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(recording.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.err.println("kept the failing recording in " + target.toAbsolutePath());
    } catch (IOException e) {
      System.err.println("could not keep the failing recording " + recording + ": " + e);
    }
  }
}
