package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program driven by a ScheduledThreadPoolExecutor and timed queue polls, under {@code ./ftjvm
 * run} with the real CRIU, killed with {@code kill -9} three times at random moments: each restore
 * replays the log (the pool's clock reads, its timed condition waits and their cancels) up to the
 * failure and goes on live, and the program's output is what a run without crashes prints: every
 * report once, in order, no tick missing or repeated. The waits are hang guards, never assertions
 * on how long something took.
 */
class ScheduledRecoveryIT {
  private static final int TICKS = 600; // 12 s of ticks, every 20 ms
  private static final int KILLS = 3;

  @Test
  void aScheduledProgramKilledThreeTimesPrintsWhatARunWithoutCrashesPrints(
      // kept when the test fails: the state directory is the evidence
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work) throws Exception {
    Path state = work.resolve("state");
    List<String> run =
        Ftjvm.supervised(
            state, 1, "io.ftjvm.testapps.concurrent.ScheduledTicker", String.valueOf(TICKS));
    Random random = new Random(); // the kill moments differ from run to run
    try (Ftjvm.Background supervisor = new Ftjvm.Background(work.resolve("supervisor"), run)) {
      awaitOutput(state, "tick 25 ", supervisor);
      for (int kills = 0; kills < KILLS; kills++) {
        Thread.sleep(1200 + random.nextInt(1000)); // a checkpoint (every 1 s) now and then
        long pid = Supervision.appPid(state);
        Supervision.kill(pid);
        Supervision.awaitNewPid(state, pid, supervisor);
      }
      Ftjvm.Result ended = supervisor.awaitExit();
      assertEquals(0, ended.status(), "the program ended by itself:\n" + ended.stderr());
    }
    List<String> lines = Files.readAllLines(state.resolve("app.out"));
    List<String> reports = new ArrayList<>();
    for (String line : lines) {
      assertFalse(line.startsWith("GAP"), "a tick went missing or came twice:\n" + lines);
      if (line.startsWith("tick ")) {
        reports.add(line.split(" ")[1]);
      }
    }
    List<String> expected = new ArrayList<>();
    for (int t = 25; t <= TICKS; t += 25) {
      expected.add(String.valueOf(t));
    }
    assertEquals(expected, reports, "every report once, in order:\n" + lines);
    assertEquals("done true", lines.get(lines.size() - 1));
  }

  private static void awaitOutput(Path state, String text, Ftjvm.Background supervisor)
      throws Exception {
    Path out = state.resolve("app.out");
    long deadline = System.nanoTime() + Ftjvm.TIMEOUT.toNanos();
    while (!(Files.exists(out) && Files.readString(out).contains(text))) {
      if (!supervisor.process.isAlive() || System.nanoTime() > deadline) {
        fail("the program did not start under ./ftjvm run:\n" + Ftjvm.read(supervisor.stderr));
      }
      Thread.sleep(50);
    }
  }
}
