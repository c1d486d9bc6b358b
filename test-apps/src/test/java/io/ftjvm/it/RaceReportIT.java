package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    // Both outputs are shown around the first differing byte: the recorded excerpt is part of what
    // the recording printed, and the one printed now differs from it. Which line differs first is
    // itself racy (the count, or only the last writer when the JIT made the count agree).
    String expected = excerpt(report, "expected       : stdout output ");
    String actual = excerpt(report, "actual         : the program printed ");
    assertTrue(
        recorded.stdout().contains(expected), "recorded excerpt " + expected + ": " + report);
    assertNotEquals(expected, actual, report);
  }

  /** The text of the excerpt on the report line starting with {@code label}, unescaped. */
  private static String excerpt(String report, String label) {
    int at = report.indexOf(label);
    assertTrue(at >= 0, "no line '" + label.trim() + "' in: " + report);
    int open = report.indexOf('"', at) + 1;
    int close = report.indexOf('"', open);
    String escaped = report.substring(open, close);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      if (escaped.startsWith("\\x", i)) {
        text.append((char) Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        text.append(escaped.charAt(i));
      }
    }
    return text.toString();
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
