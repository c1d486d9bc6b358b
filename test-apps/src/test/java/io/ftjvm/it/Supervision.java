package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An application under {@code ./ftjvm run}: its pid, killing it, waiting for its restore. */
final class Supervision {
  private Supervision() {}

  static long appPid(Path state) throws Exception {
    return Long.parseLong(Files.readString(state.resolve("app.pid")).trim());
  }

  static void kill(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start();
    assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
  }

  /** Waits until the supervisor has restored the application (a new pid in app.pid). */
  static long awaitNewPid(Path state, long old, Ftjvm.Background supervisor) throws Exception {
    long restoresBefore = restores(state);
    long deadline = System.nanoTime() + Ftjvm.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!supervisor.process.isAlive()) {
        fail(
            "the supervisor gave up:\n"
                + Ftjvm.read(supervisor.stderr)
                + "\n"
                + Files.readString(state.resolve("agent.log")));
      }
      try {
        long pid = appPid(state);
        // CRIU has finished once the restored agent speaks (a kill while CRIU is still
        // restoring is a different experiment: the supervisor counts it as a failed restore).
        if (pid != old
            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
            && restores(state) > restoresBefore) {
          return pid;
        }
      } catch (NumberFormatException | java.nio.file.NoSuchFileException e) {
        // being rewritten
      }
      Thread.sleep(20);
    }
    fail("no recovery after killing " + old + ":\n" + Ftjvm.read(supervisor.stderr));
    return -1;
  }

  static long restores(Path state) throws Exception {
    Path log = state.resolve("agent.log");
    return Files.exists(log)
        ? Files.readString(log).lines().filter(l -> l.contains("restored from checkpoint")).count()
        : 0;
  }
}
