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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Replays of one recording with scheduling noise (random short pauses before lock events, 50 to 225
 * µs), two at a time: the CI machine has two cores, and three at a time was no faster there. Each
 * replay is an independent JVM, and the noise differs from one to the next.
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

  /**
   * Runs the program three times without the agent: they must not all print the same, or the test's
   * replays would prove nothing.
   */
  static void assertDependsOnInterleaving(Path work, List<String> javaCommand, String what)
      throws Exception {
    Ftjvm.Result a = Ftjvm.run(work, Map.of(), javaCommand).expectStatus(0);
    Ftjvm.Result b = Ftjvm.run(work, Map.of(), javaCommand).expectStatus(0);
    Ftjvm.Result c = Ftjvm.run(work, Map.of(), javaCommand).expectStatus(0);
    assertTrue(
        !a.stdout().equals(b.stdout()) || !a.stdout().equals(c.stdout()),
        "the program should depend on " + what + " for this test to mean anything");
  }

  /** Replays {@code count} times; every replay must exit 0 and print what the recording did. */
  static void replayAll(Path work, Path recording, Ftjvm.Result recorded, int count)
      throws Exception {
    ExecutorService replays = Executors.newFixedThreadPool(2);
    try {
      List<Future<Ftjvm.Result>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String jitter = "replayJitterMicros=" + (50 + 25 * (i % 8));
        results.add(
            replays.submit(
                () ->
                    Ftjvm.ftjvm(
                        work,
                        REPLAY_JVM,
                        "replay",
                        recording.toString(),
                        "--agent-option",
                        jitter)));
      }
      for (int i = 0; i < count; i++) {
        Ftjvm.Result replayed = results.get(i).get().expectStatus(0);
        assertEquals(
            recorded.stdout(),
            replayed.stdout(),
            "replay " + i + " of " + recording.getFileName() + " printed something else");
      }
    } finally {
      replays.shutdownNow();
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
