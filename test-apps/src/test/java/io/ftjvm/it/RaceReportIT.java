package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program with a data race on a plain field cannot be replayed exactly; the replay must say so
 * (report, distinct status) and never hang. The harness's timeout is only a safety net.
 */
class RaceReportIT {
  @TempDir Path work;

  @Test
  void aDataRaceIsReportedNotHidden() throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.concurrent.RacyCounter", "2000000");
    // A race shows up as soon as the racy threads' lost updates differ from the recorded ones.
    String report = firstDivergenceReport(recording, recorded, "a racy counter's");
    assertTrue(report.contains("REPLAY DIVERGED"), report);
    assertTrue(report.contains("logical thread"), report);
    assertTrue(report.contains("data race"), report);
    // Both outputs are shown, around the first differing byte: the recorded one and the one
    // printed now (the excerpt's start depends on which digit differs, its end does not).
    assertTrue(report.contains("expected       : stdout output"), report);
    assertTrue(report.contains("actual         : the program printed"), report);
    assertEquals(
        2, report.split("expected=8000000", -1).length - 1, "both excerpts shown: " + report);
  }

  /**
   * Replays up to five times and returns the first divergence report. A replay that repeats the
   * recorded choices by chance must match the recording exactly: no silent difference either.
   */
  private String firstDivergenceReport(Path recording, Ftjvm.Result recorded, String what)
      throws Exception {
    for (int i = 0; i < 5; i++) {
      Ftjvm.Result replayed = Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString());
      if (replayed.status() == 86) {
        return replayed.stderr();
      }
      assertEquals(recorded.stdout(), replayed.expectStatus(0).stdout());
    }
    return fail("five replays all reproduced " + what + " result");
  }
}
