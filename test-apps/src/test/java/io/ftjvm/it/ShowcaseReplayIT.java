package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program whose output depends on every captured source (clocks, randomness, UUIDs, identity
 * hashes, nanoTime deltas) replays to the same output every time.
 */
class ShowcaseReplayIT {
  static final String SHOWCASE = "io.ftjvm.testapps.nondet.NondeterminismShowcase";

  @TempDir Path work;

  @Test
  void withoutTheAgentTwoRunsDiffer() throws Exception {
    String first = Ftjvm.run(work, Map.of(), Ftjvm.java(SHOWCASE, "2")).expectStatus(0).stdout();
    String second = Ftjvm.run(work, Map.of(), Ftjvm.java(SHOWCASE, "2")).expectStatus(0).stdout();
    assertNotEquals(
        first,
        second,
        "the showcase must be nondeterministic for the replay test to mean anything");
  }

  @Test
  void aJavaDashJarProgramRecordsAndReplays() throws Exception {
    Path recording = work.resolve("rec-jar");
    Ftjvm.Result recorded =
        Ftjvm.ftjvm(
                work,
                Map.of(),
                Ftjvm.record(recording, List.of(Ftjvm.JAVA, "-jar", Ftjvm.APPS, "2")))
            .expectStatus(0);
    assertTrue(recorded.stdout().contains("iterations 2"), recorded.stdout());
    for (int i = 0; i < 3; i++) {
      Ftjvm.Result replayed =
          Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
      assertEquals(recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
    }
  }

  @Test
  void recordedRunReplaysIdenticallyTenTimes() throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded = Ftjvm.recordApp(work, recording, SHOWCASE, "3");
    assertTrue(recorded.stdout().contains("digest "), recorded.stdout());
    for (int i = 0; i < 10; i++) {
      Ftjvm.Result replayed =
          Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
      assertEquals(recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
    }
  }
}
