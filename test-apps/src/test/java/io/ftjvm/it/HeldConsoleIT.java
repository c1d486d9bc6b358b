package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A divergence is reported even when another program thread holds the console's monitor for good:
 * the report is not queued behind {@code System.out}'s lock (a replay of a ForkJoinPool program
 * once hung there until the harness killed it).
 */
class HeldConsoleIT {
  @TempDir Path work;

  @Test
  void aDivergenceIsReportedWhileAnotherThreadHoldsSystemOut() throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.divergence.HeldConsole");
    assertEquals("holder has the console\ndone\n", recorded.stdout());

    Ftjvm.Result replayed =
        Ftjvm.ftjvm(
                work,
                Map.of("JAVA_TOOL_OPTIONS", "-Dheldconsole.extraClockRead=true"),
                "replay",
                recording.toString())
            .expectStatus(86);
    String report = replayed.stderr();
    assertTrue(report.contains("REPLAY DIVERGED"), report);
    assertTrue(report.contains("HeldConsole.main"), "the diverging thread's stack: " + report);
    // The holder's line was printed before the divergence; the main thread's never is.
    assertEquals("holder has the console\n", replayed.stdout());
  }
}
