package io.ftjvm.replayer.cli;

import io.ftjvm.checkpoint.CriuInstallation;
import io.ftjvm.replayer.supervisor.AgentProcess;
import io.ftjvm.replayer.supervisor.CriuAppStarter;
import io.ftjvm.replayer.supervisor.Refusal;
import io.ftjvm.replayer.supervisor.RunProperties;
import io.ftjvm.replayer.supervisor.StateDir;
import io.ftjvm.replayer.supervisor.Supervisor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    usageHelpWidth = 110,
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Recovers a fault-tolerant run whose supervisor is gone (the machine's ftjvm run was killed",
      "along with the program, say): restores its newest usable checkpoint now, then supervises it",
      "exactly like ftjvm run does after a crash, until the program ends by itself.",
      "",
      "Example:",
      "  ./ftjvm restore /tmp/kv",
      "",
      "Refused when the program is still running, or ended by itself (recording/end.bin)."
    })
final class RestoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The state directory of ftjvm run.")
  Path dir;

  @Option(
      names = "--max-recoveries",
      paramLabel = "N",
      description =
          "Give up after N recoveries in a row in which the program never went live (default: what"
              + " ftjvm run was given, else 100).")
  Integer maxRecoveries;

  @Override
  public Integer call() throws Exception {
    StateDir state = StateDir.of(dir);
    if (!Files.isDirectory(state.recording())) {
      throw new UserError(
          "nothing to restore in " + state + ": it has no recording/ (was it made by ftjvm run?)");
    }
    if (Files.exists(state.endFile())) {
      throw new UserError(
          "nothing to restore in "
              + state
              + ": the program ended by itself ("
              + state.endFile()
              + " exists)");
    }
    refuseRunning(state);
    int limit = maxRecoveries != null ? maxRecoveries : RunProperties.maxRecoveries(state, 100);
    if (limit < 1) {
      throw new UserError("--max-recoveries must be at least 1, not " + limit);
    }
    CriuInstallation criu = Supervision.criu();
    Supervisor supervisor =
        new Supervisor(
            state,
            new CriuAppStarter(state, null, criu),
            Supervision.preparation(state),
            Supervision.log(state, "restore"),
            limit);
    return Supervision.supervise(supervisor, Supervisor::restore);
  }

  /** app.pid names a live process that runs the agent for this directory: do not fork a twin. */
  private static void refuseRunning(StateDir state) {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(state.appPid(), StandardCharsets.UTF_8).strip());
    } catch (Exception e) {
      return;
    }
    try {
      if (AgentProcess.stateOf(pid, Path.of("/proc")).root().equals(state.root())) {
        throw new UserError(
            "the program of "
                + state
                + " is still running (pid "
                + pid
                + "); stop it first (kill "
                + pid
                + ") or leave it to its ftjvm run");
      }
    } catch (Refusal notOurs) {
      // the pid is gone or belongs to another program now
    }
  }
}
