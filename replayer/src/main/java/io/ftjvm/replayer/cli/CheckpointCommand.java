package io.ftjvm.replayer.cli;

import io.ftjvm.replayer.supervisor.AgentProcess;
import io.ftjvm.replayer.supervisor.CheckpointRequest;
import io.ftjvm.replayer.supervisor.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    usageHelpWidth = 110,
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = {
      "Asks a program running under ftjvm run for a checkpoint now, and prints the agent's answer:",
      "  ok sequence=N pause_ms=X image_bytes=Y     or     failed <why>",
      "The program is named by its state directory or by its pid (whose -javaagent option names",
      "the directory). Exit status: 0 when the checkpoint was taken, 1 when the agent refused or",
      "did not answer in time, 2 when the pid or directory is not a program in ft mode.",
      "",
      "Examples:",
      "  ./ftjvm checkpoint /tmp/kv",
      "  ./ftjvm checkpoint $(cat /tmp/kv/app.pid) --timeout 120"
    })
final class CheckpointCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PID|DIR",
      description = "The program's pid, or the state directory of its ftjvm run.")
  String target;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long to wait for the agent's answer (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 60;

  @Override
  public Integer call() throws Exception {
    if (timeoutSeconds < 0) {
      throw new UserError("--timeout must not be negative: " + timeoutSeconds);
    }
    StateDir state = resolve(target, Path.of("/proc"));
    CheckpointRequest.Answer answer =
        CheckpointRequest.send(state, Duration.ofSeconds(timeoutSeconds));
    if (!answer.answered()) {
      System.err.println("ftjvm checkpoint: " + answer.line());
      return ExitCodes.FAILED;
    }
    System.out.println(answer.line());
    return answer.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** A pid (all digits, and no directory of that name here) or a state directory. */
  static StateDir resolve(String target, Path proc) {
    Path asPath = Path.of(target);
    if (target.matches("\\d+") && !Files.isDirectory(asPath)) {
      return AgentProcess.stateOf(Long.parseLong(target), proc);
    }
    StateDir state = StateDir.of(asPath);
    if (!Files.isDirectory(state.root())) {
      throw new UserError(target + " is neither a running process's pid nor a directory");
    }
    if (!Files.exists(state.runProperties()) && !Files.isDirectory(state.recording())) {
      throw new UserError(
          state + " is not the state directory of an ftjvm run (no ftjvm-run.properties)");
    }
    return state;
  }
}
