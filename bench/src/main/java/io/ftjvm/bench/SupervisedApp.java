package io.ftjvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application under {@code ./ftjvm run --state DIR}: the supervisor runs in the background, the
 * application's stdout is {@code DIR/app.out}, its current pid {@code DIR/app.pid}.
 */
final class SupervisedApp implements AutoCloseable {
  private static final Pattern OK =
      Pattern.compile("ok sequence=(\\d+) pause_ms=(\\d+) image_bytes=(\\d+)");

  /** One answered {@code ftjvm checkpoint}: the agent's own figures. */
  record Checkpoint(long sequence, long pauseMillis, long imageBytes) {}

  private final FtjvmCli cli;
  private final Path state;
  private final Path supervisorOut;
  private final Process supervisor;

  private SupervisedApp(FtjvmCli cli, Path state, Path supervisorOut, Process supervisor) {
    this.cli = cli;
    this.state = state;
    this.supervisorOut = supervisorOut;
    this.supervisor = supervisor;
  }

  /**
   * Starts {@code ./ftjvm run --state <work>/state OPTIONS -- APP}; the supervisor's own output
   * goes to {@code <work>/supervisor.txt}.
   */
  static SupervisedApp start(FtjvmCli cli, Path work, List<String> options, List<String> app)
      throws IOException {
    Path state = work.resolve("state");
    List<String> args = new ArrayList<>(List.of("run", "--state", state.toString()));
    args.addAll(options);
    args.add("--");
    args.addAll(app);
    Path out = work.resolve("supervisor.txt");
    Process p =
        new ProcessBuilder(cli.command(args))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    return new SupervisedApp(cli, state, out, p);
  }

  Path state() {
    return state;
  }

  AppOutput out() {
    return new AppOutput(state.resolve("app.out"));
  }

  boolean supervisorAlive() {
    return supervisor.isAlive();
  }

  String supervisorOutput() throws IOException {
    return Files.exists(supervisorOut) ? Files.readString(supervisorOut) : "";
  }

  /** The application's current host pid, or -1 while app.pid is missing or being rewritten. */
  long appPid() {
    try {
      return Long.parseLong(Files.readString(state.resolve("app.pid")).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** Waits for the application's first output matching {@code pattern}. */
  Matcher await(Pattern pattern, int seconds) throws Exception {
    return out().await(pattern, 0, seconds, supervisor::isAlive);
  }

  /** {@code ./ftjvm checkpoint DIR}: the agent checkpoints now and answers with its figures. */
  Checkpoint checkpoint() throws Exception {
    FtjvmCli.Result r = cli.run("checkpoint", state.toString());
    Matcher m = OK.matcher(r.output());
    if (r.status() != 0 || !m.find()) {
      throw new IllegalStateException("ftjvm checkpoint " + state + " failed: " + r.output());
    }
    return new Checkpoint(
        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
  }

  /** SIGTERM to the supervisor, which kills the application (exit 143); SIGKILL as a fallback. */
  @Override
  public void close() throws Exception {
    long pid = appPid();
    supervisor.destroy();
    if (!supervisor.waitFor(60, TimeUnit.SECONDS)) {
      supervisor.destroyForcibly();
      supervisor.waitFor(10, TimeUnit.SECONDS);
    }
    if (pid > 0) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
