package io.ftjvm.replayer.cli;

import io.ftjvm.replayer.supervisor.RecoveryDirs;
import io.ftjvm.replayer.supervisor.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ftjvm run --state DIR -- java ...} started by the demo in a child JVM (exactly what a
 * user gets), and what the demo watches in its state directory: the program listening, its pid, a
 * recovery going live. Every wait has a hang guard; none decides anything by how long it took.
 */
final class DemoSupervisor implements AutoCloseable {
  /** Hang guard for each wait (starting the JVM, a checkpoint, a restore and its replay). */
  static final Duration PATIENCE = Duration.ofSeconds(120);

  /** The server could not be started under ftjvm run, and the refusal that says why. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  private final StateDir state;
  private final Process process;
  private final Path stderr;

  private DemoSupervisor(StateDir state, Process process, Path stderr) {
    this.state = state;
    this.process = process;
    this.stderr = stderr;
  }

  /**
   * Starts {@code ftjvm run --state DIR [runOptions] -- javaCommand}; its own stdout and stderr go
   * to {@code logs/supervisor.out} and {@code logs/supervisor.err} (what it did is also in the
   * state directory's supervisor.log).
   */
  static DemoSupervisor start(
      StateDir state, List<String> runOptions, List<String> javaCommand, Path logs)
      throws IOException {
    Files.createDirectories(logs);
    List<String> args = new ArrayList<>(List.of("run", "--state", state.root().toString()));
    args.addAll(runOptions);
    args.add("--");
    args.addAll(javaCommand);
    Path stderr = logs.resolve("supervisor.err");
    Process process =
        new ProcessBuilder(CliProcess.argv(args.toArray(String[]::new)))
            .redirectOutput(logs.resolve("supervisor.out").toFile())
            .redirectError(stderr.toFile())
            .start();
    return new DemoSupervisor(state, process, stderr);
  }

  /** Whether ftjvm run is still supervising (it ends when it gives up, or after a divergence). */
  boolean isAlive() {
    return process.isAlive();
  }

  StateDir state() {
    return state;
  }

  /**
   * Waits until the program printed {@code line} into app.out.
   *
   * @throws Refused when ftjvm run refused to start it (exit 2, quoting why: no usable CRIU, ...)
   *     or the agent refused it before it got going (its "[ftjvm] ..." lines in app.err)
   * @throws IOException when it ended otherwise, or did not get there in time
   */
  void awaitOutput(String line) throws IOException, InterruptedException, Refused {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!read(state.appOut()).contains(line)) {
      if (!process.isAlive()) {
        int status = process.exitValue();
        String supervisorSaid = withoutJvmNotices(read(stderr)).strip();
        String agentSaid = lines(read(state.appErr()), "[ftjvm]");
        if (status == ExitCodes.USAGE && !supervisorSaid.isEmpty()) {
          throw new Refused(supervisorSaid);
        }
        if (!agentSaid.isEmpty()) {
          throw new Refused(agentSaid);
        }
        throw new IOException(
            "ftjvm run ended with status "
                + status
                + " before the program said '"
                + line
                + "':\n"
                + supervisorSaid);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the program did not say '" + line + "' within " + PATIENCE);
      }
      Thread.sleep(50);
    }
  }

  /** The pid in app.pid (the java process the supervisor runs now). */
  long appPid() throws IOException {
    return Long.parseLong(Files.readString(state.appPid(), StandardCharsets.UTF_8).strip());
  }

  /**
   * Waits until the supervisor has restored the program after {@code deadPid} died: a recovery
   * directory exists and app.pid names a live process other than {@code deadPid}.
   *
   * @return the recovery directory
   */
  Path awaitRestore(long deadPid) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      requireAlive("while restoring the program");
      Optional<Map.Entry<Integer, Path>> recovery = RecoveryDirs.latest(state);
      if (recovery.isPresent()) {
        try {
          long pid = appPid();
          if (pid != deadPid && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return recovery.get().getValue();
          }
        } catch (NoSuchFileException | NumberFormatException e) {
          // app.pid is being rewritten
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("no restore within " + PATIENCE + "; see " + state.supervisorLog());
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits for the recovery's {@code live} file (the agent writes it when the replay is over).
   *
   * @return when it was written (its modification time)
   */
  Instant awaitLive(Path recoveryDir) throws IOException, InterruptedException {
    Path live = recoveryDir.resolve(StateDir.LIVE);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!Files.exists(live)) {
      if (Files.exists(recoveryDir.resolve(StateDir.DIVERGED))) {
        throw new IOException(
            "the recovery diverged from the log: "
                + read(recoveryDir.resolve(StateDir.DIVERGED)).strip());
      }
      requireAlive("before the recovery went live");
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the recovery did not go live within " + PATIENCE + "; see " + state.agentLog());
      }
      Thread.sleep(20);
    }
    return Files.getLastModifiedTime(live).toInstant();
  }

  /**
   * Stops it as a user does, with Ctrl-C (SIGTERM): it kills the program and exits with 143.
   *
   * @return its exit status
   */
  int stop() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      close();
      throw new IOException("ftjvm run did not stop within " + PATIENCE + " of SIGTERM");
    }
    return process.exitValue();
  }

  /** What ftjvm run printed on stderr so far. */
  String stderr() throws IOException {
    return read(stderr);
  }

  private void requireAlive(String when) throws IOException {
    if (!process.isAlive()) {
      throw new IOException(
          "ftjvm run ended with status "
              + process.exitValue()
              + " "
              + when
              + ":\n"
              + read(stderr).strip());
    }
  }

  /** Kills whatever is left (after a failure): the supervisor and the program's process tree. */
  @Override
  public void close() {
    // The supervisor first, so that it does not take the program's death for a crash.
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /** Drops what the JVM itself says (e.g. "Picked up JAVA_TOOL_OPTIONS: ..."): not the reason. */
  private static String withoutJvmNotices(String text) {
    StringBuilder out = new StringBuilder();
    for (String l : text.split("\n")) {
      if (!l.startsWith("Picked up ") && !l.startsWith("OpenJDK 64-Bit Server VM warning:")) {
        out.append(l).append('\n');
      }
    }
    return out.toString();
  }

  private static String lines(String text, String prefix) {
    StringBuilder out = new StringBuilder();
    for (String l : text.split("\n")) {
      if (l.startsWith(prefix)) {
        out.append(out.length() == 0 ? "" : "\n").append(l);
      }
    }
    return out.toString();
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }
}
