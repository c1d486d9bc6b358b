package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the real CRIU under {@code ./ftjvm run}: the newest checkpoint's memory image is truncated,
 * then the application is killed. The supervisor must refuse that checkpoint naming the file (CRIU
 * itself would spin on it), restore the previous one, and the replay of the log must go through
 * everything the program did after it, including what it did after the damaged checkpoint: its
 * output goes on with no line missing or repeated.
 *
 * <p>Checkpoints are taken on request ({@code ftjvm checkpoint}) so that none is taken between the
 * damage and the kill. The waits are hang guards.
 */
class DamagedCheckpointFallbackIT {

  @Test
  void aTruncatedNewestImageFallsBackToThePreviousCheckpointAndLosesNothing(@TempDir Path work)
      throws Exception {
    assumeTrue(
        Files.isDirectory(Ftjvm.ROOT.resolve(".ftjvm/criu")),
        "SKIPPED: CRIU was never provisioned (run checkpoint-criu/provision/provision-criu.sh)");
    Path state = work.resolve("state");
    List<String> run = Ftjvm.supervised(state, 3600, "io.ftjvm.testapps.ft.Ticker");
    try (Ftjvm.Background supervisor = new Ftjvm.Background(work.resolve("supervisor"), run)) {
      Path out = state.resolve("app.out");
      awaitLog(out, "tick 5\n", supervisor);
      long older = checkpoint(work, state);
      long ticksAtOlder = lastTick(out);
      long newest = checkpoint(work, state);
      awaitLog(out, "tick " + (lastTick(out) + 5) + "\n", supervisor); // only in the log

      Path pages =
          largestPagesImage(state.resolve(String.format("checkpoints/ckpt-%010d", newest)));
      long size = Files.size(pages);
      try (RandomAccessFile f = new RandomAccessFile(pages.toFile(), "rw")) {
        f.setLength(size / 2);
      }
      long pid = Long.parseLong(Files.readString(state.resolve("app.pid")).strip());
      Process kill = new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start();
      assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
      long ticksAtCrash = lastTick(out);

      Path log = state.resolve("supervisor.log");
      awaitLog(log, "recovery 1: restored", supervisor);
      String text = Files.readString(log);
      assertTrue(
          text.contains(
              "checkpoint "
                  + newest
                  + " skipped: images damaged: "
                  + pages
                  + " is "
                  + size / 2
                  + " bytes long, but the dump wrote "
                  + size
                  + " (truncated)"),
          text);
      assertTrue(text.contains("recovery 1: restoring checkpoint " + older + " "), text);
      awaitFile(state.resolve("recovery/000001/live"), supervisor);
      awaitLog(out, "tick " + (ticksAtCrash + 5) + "\n", supervisor);
      // The replay from the older checkpoint went through the ticks printed after it (compared
      // with the log, not printed again), then the program went on: every tick exactly once,
      // in order. One known exception (docs/fault-tolerance.md): the write that was under way at
      // the kill, logged and on disk but not yet in app.out, is taken for written by the replay,
      // so the tick right after the last one seen before the kill may be missing. Nothing else.
      List<String> lines = Files.readAllLines(out);
      assertTrue(ticksAtOlder < ticksAtCrash);
      long expected = 1;
      for (int i = 0; i < lines.size() - 1; i++) { // the last line may be half written
        if (expected == ticksAtCrash + 1 && lines.get(i).equals("tick " + (expected + 1))) {
          expected++; // the write under way at the kill
        }
        assertEquals("tick " + expected, lines.get(i), "line " + (i + 1) + " of " + out);
        expected++;
      }
    }
  }

  private static long lastTick(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).matches("tick \\d+")) {
        return Long.parseLong(lines.get(i).substring(5));
      }
    }
    return 0;
  }

  private static long checkpoint(Path work, Path state) throws Exception {
    Ftjvm.Result r =
        Ftjvm.ftjvm(work.resolve("checkpoint"), Map.of(), "checkpoint", state.toString())
            .expectStatus(0);
    Matcher m = Pattern.compile("ok sequence=(\\d+)").matcher(r.stdout());
    assertTrue(m.find(), r.stdout());
    return Long.parseLong(m.group(1));
  }

  private static Path largestPagesImage(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("pages-\\d+\\.img"))
          .max(Comparator.comparingLong(DamagedCheckpointFallbackIT::size))
          .orElseThrow(() -> new AssertionError("no pages-*.img in " + dir));
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitLog(Path file, String text, Ftjvm.Background supervisor)
      throws Exception {
    long deadline = System.nanoTime() + Ftjvm.TIMEOUT.toNanos();
    while (!(Files.exists(file) && Files.readString(file).contains(text))) {
      if (!supervisor.process.isAlive() || System.nanoTime() > deadline) {
        fail(
            "no '"
                + text
                + "' in "
                + file
                + "; supervisor said:\n"
                + Ftjvm.read(supervisor.stderr));
      }
      Thread.sleep(50);
    }
  }

  private static void awaitFile(Path file, Ftjvm.Background supervisor) throws Exception {
    long deadline = System.nanoTime() + Ftjvm.TIMEOUT.toNanos();
    while (!Files.exists(file)) {
      if (!supervisor.process.isAlive() || System.nanoTime() > deadline) {
        Path agentLog = file.getParent().getParent().getParent().resolve("agent.log");
        fail(
            "no "
                + file
                + "; supervisor said:\n"
                + Ftjvm.read(supervisor.stderr)
                + "\nagent.log:\n"
                + Ftjvm.read(agentLog));
      }
      Thread.sleep(50);
    }
  }
}
