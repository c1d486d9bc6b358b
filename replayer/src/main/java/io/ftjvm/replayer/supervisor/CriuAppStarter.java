package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.CriuInstallation;
import io.ftjvm.checkpoint.CriuRestoreCommand;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Launches the application with {@link LaunchCommand} and restores it with {@link
 * CriuRestoreCommand}. Both get stdin from /dev/null. The launched JVM's stdout/stderr are appended
 * to {@code app.out}/{@code app.err}; a restored JVM gets its descriptors back from CRIU, so CRIU's
 * own output goes to {@code criu-restore.out}.
 */
public final class CriuAppStarter implements AppStarter {

  /** How long a restore may take before it counts as hung (2 GB restore in ~1.6 s here). */
  static final Duration RESTORE_LIMIT = Duration.ofMinutes(2);

  /** How long to look for the launched JVM behind {@code setsid} before taking setsid's pid. */
  static final Duration LAUNCH_LOOKUP = Duration.ofSeconds(10);

  private static final File DEV_NULL = new File("/dev/null");

  private final StateDir state;
  private final LaunchCommand launch;
  private final CriuInstallation criu;

  /** The CRIU process of a restore in progress, until its JVM is found. */
  private volatile Process restoring;

  /**
   * @param launch how to launch the application afresh; null when only restores are wanted ({@code
   *     ftjvm restore})
   */
  public CriuAppStarter(StateDir state, LaunchCommand launch, CriuInstallation criu) {
    this.state = state;
    this.launch = launch;
    this.criu = criu;
  }

  @Override
  public StartedApp launch() throws IOException {
    if (launch == null) {
      throw new IllegalStateException("this starter only restores: no launch command given");
    }
    Process p =
        new ProcessBuilder(launch.argv())
            .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(state.appOut().toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(state.appErr().toFile()))
            .start();
    long pid;
    try {
      pid = JavaProcessFinder.await(p, LAUNCH_LOOKUP).map(ProcessHandle::pid).orElse(p.pid());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pid = p.pid();
    }
    return new StartedApp(p, pid, null);
  }

  @Override
  public StartedApp restore(PreparedRecovery recovery) throws IOException, RestoreFailedException {
    List<String> cmd =
        CriuRestoreCommand.of(criu, recovery.checkpoint().dir())
            .log(RestoreLog.fileName(recovery.number()), 2)
            .command();
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(state.criuRestoreOut().toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(state.criuRestoreOut().toFile()))
            .start();
    restoring = p;
    Optional<ProcessHandle> java;
    try {
      java = JavaProcessFinder.await(p, RESTORE_LIMIT);
    } catch (InterruptedException e) {
      JavaProcessFinder.killTree(p.toHandle());
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while restoring checkpoint " + recovery.checkpoint());
    } finally {
      restoring = null;
    }
    if (java.isPresent()) {
      return new StartedApp(p, java.get().pid(), recovery);
    }
    if (p.isAlive()) {
      JavaProcessFinder.killTree(p.toHandle());
      List<String> errors = restoreErrors(recovery);
      throw new RestoreFailedException(
          "CRIU did not bring back a java process within "
              + RESTORE_LIMIT.toSeconds()
              + " s (killed it); see "
              + RestoreLog.of(recovery)
              + describe(errors),
          RestoreFailure.classify(-1, errors));
    }
    int status = p.exitValue();
    List<String> errors = restoreErrors(recovery);
    if (status != 0 || !errors.isEmpty()) {
      throw new RestoreFailedException(
          "criu restore exited with status "
              + status
              + " before the application came back; "
              + RestoreLog.of(recovery)
              + describe(errors),
          RestoreFailure.classify(status, errors));
    }
    // CRIU succeeded and the restored JVM has already ended: the supervisor looks at why.
    return new StartedApp(p, -1, recovery);
  }

  /** Kills a restore still looking for its JVM (the supervisor was stopped meanwhile). */
  @Override
  public void abort() {
    Process p = restoring;
    if (p != null) {
      JavaProcessFinder.killTree(p.toHandle());
    }
  }

  @Override
  public List<String> restoreErrors(PreparedRecovery recovery) {
    return RestoreLog.errors(RestoreLog.of(recovery));
  }

  static String describe(List<String> errors) {
    if (errors.isEmpty()) {
      return " (it holds no Error lines; see also the criu-restore.out file)";
    }
    return " says:\n  " + String.join("\n  ", errors);
  }
}
