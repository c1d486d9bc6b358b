package io.ftjvm.replayer.cli;

import io.ftjvm.checkpoint.CriuInstallation;
import io.ftjvm.replayer.supervisor.CriuAppStarter;
import io.ftjvm.replayer.supervisor.JavaVersion;
import io.ftjvm.replayer.supervisor.LaunchCommand;
import io.ftjvm.replayer.supervisor.RunProperties;
import io.ftjvm.replayer.supervisor.StateDir;
import io.ftjvm.replayer.supervisor.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    usageHelpWidth = 110,
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Java program fault-tolerant: the agent logs its inputs and non-determinism and takes",
      "CRIU checkpoints; when the process dies (kill -9, a crash) this command restores the newest",
      "checkpoint, the agent replays the log up to the failure, and the program goes on live.",
      "It stays in the foreground until the program ends by itself and exits with its status.",
      "",
      "Examples:",
      "  ./ftjvm run --state /tmp/kv -- java -cp test-apps/target/test-apps.jar \\",
      "      io.ftjvm.testapps.kv.KeyValueServer --port 7070",
      "  ./ftjvm run --state DIR --checkpoint-every 30 --keep 3 -- java -Xmx512m -jar app.jar",
      "",
      "The program's stdin is /dev/null; its stdout/stderr are appended to DIR/app.out and",
      "DIR/app.err (CRIU needs files opened for append). What the supervisor does is in",
      "DIR/supervisor.log (and on stderr). Ctrl-C or SIGTERM kills the program (exit 143).",
      "JFR (-XX:StartFlightRecording) and -XX:+UsePerfData are refused: they break restores.",
      "Details: docs/fault-tolerance.md"
    })
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--state",
      paramLabel = "DIR",
      description =
          "State directory: log, checkpoints, output, recoveries (default: ./ftjvm-state). Must be"
              + " new or hold no recording yet.")
  Path state = Path.of("ftjvm-state");

  @Option(
      names = "--checkpoint-every",
      paramLabel = "SECONDS",
      description = "Take a checkpoint every SECONDS (agent option checkpointIntervalSeconds).")
  Long checkpointEvery;

  @Option(
      names = "--checkpoint-log-bytes",
      paramLabel = "N",
      description =
          "Also take one whenever the log grew by N bytes (agent option checkpointLogBytes).")
  Long checkpointLogBytes;

  @Option(
      names = "--keep",
      paramLabel = "K",
      description = "Keep the newest K complete checkpoints (agent option keepCheckpoints).")
  Integer keep;

  @Option(
      names = "--no-group-commit",
      description =
          "Sync each input on its own instead of sharing one fdatasync among concurrent readers"
              + " (agent option groupCommit=false).")
  boolean noGroupCommit;

  @Option(
      names = "--max-recoveries",
      paramLabel = "N",
      description =
          "Give up after N recoveries in a row in which the program never went live (default:"
              + " ${DEFAULT-VALUE}).")
  int maxRecoveries = 100;

  @Option(
      names = "--agent-option",
      paramLabel = "NAME=VALUE",
      description = "Extra agent option (repeatable). See docs/configuration.md.")
  List<String> agentOptions = new ArrayList<>();

  @Parameters(
      paramLabel = "JAVA_COMMAND",
      arity = "1..*",
      description = "The program's command line, starting with java (after --).")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    LaunchCommand.validate(command);
    if (maxRecoveries < 1) {
      throw new UserError("--max-recoveries must be at least 1, not " + maxRecoveries);
    }
    StateDir dir = StateDir.of(state);
    refuseUsed(dir);
    CriuInstallation criu = Supervision.criu();
    LaunchCommand launch =
        new LaunchCommand(
            command,
            JavaVersion.of(command.get(0)),
            Installation.agentJar(),
            dir,
            criu.binary(),
            criu.libcriu(),
            agentOptions());
    launch.agentArguments(); // refuses a bad state path or option before anything is written
    Files.createDirectories(dir.root());
    RunProperties.write(dir, launch, criu, maxRecoveries, Clock.systemUTC());
    Supervisor supervisor =
        new Supervisor(
            dir,
            new CriuAppStarter(dir, launch, criu),
            Supervision.preparation(dir),
            Supervision.log(dir, "run"),
            maxRecoveries);
    return Supervision.supervise(supervisor, Supervisor::run);
  }

  /** The agent options from the command's own options, then --agent-option ones. */
  List<String> agentOptions() {
    List<String> out = new ArrayList<>();
    if (checkpointEvery != null) {
      out.add("checkpointIntervalSeconds=" + checkpointEvery);
    }
    if (checkpointLogBytes != null) {
      out.add("checkpointLogBytes=" + checkpointLogBytes);
    }
    if (keep != null) {
      out.add("keepCheckpoints=" + keep);
    }
    if (noGroupCommit) {
      out.add("groupCommit=false");
    }
    out.addAll(agentOptions);
    return out;
  }

  /** A state directory that already holds a recording belongs to an earlier run. */
  static void refuseUsed(StateDir dir) throws IOException {
    Path root = dir.root();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UserError("cannot use " + root + " as the state directory: it is not a directory");
    }
    if (Files.isDirectory(dir.recording())) {
      boolean nonEmpty;
      try (Stream<Path> entries = Files.list(root)) {
        nonEmpty = entries.findAny().isPresent();
      }
      if (nonEmpty) {
        throw new UserError(
            root
                + " already holds a run (it has recording/): use `ftjvm restore "
                + root
                + "` to recover it, or choose a new directory");
      }
    }
  }
}
