package io.ftjvm.replayer.cli;

import io.ftjvm.checkpoint.CriuInstallation;
import io.ftjvm.checkpoint.CriuUnavailableException;
import io.ftjvm.replayer.supervisor.RecoveryPreparation;
import io.ftjvm.replayer.supervisor.StateDir;
import io.ftjvm.replayer.supervisor.Supervisor;
import io.ftjvm.replayer.supervisor.SupervisorLog;
import java.time.Clock;

/** What run and restore share: finding CRIU, and supervising with a SIGTERM/Ctrl-C hook. */
final class Supervision {

  /** Runs the supervision (launch or restore) and returns its exit status. */
  interface Body {
    int call(Supervisor supervisor) throws Exception;
  }

  private Supervision() {}

  /**
   * A CRIU that works here and has libcriu (the agent checkpoints itself through it).
   *
   * @throws UserError quoting {@code criu check} when there is none
   */
  static CriuInstallation criu() {
    CriuInstallation criu;
    try {
      criu = Installation.criuLocator().locate();
    } catch (CriuUnavailableException e) {
      throw new UserError("fault-tolerance mode needs CRIU, and " + e.getMessage());
    }
    if (criu.libcriu() == null) {
      throw new UserError(
          criu
              + ": no libcriu.so.2 was found, and the agent needs it to checkpoint the application;"
              + " give its path with -Dftjvm.libcriu=... or run"
              + " checkpoint-criu/provision/provision-criu.sh");
    }
    return criu;
  }

  static SupervisorLog log(StateDir state, String command) {
    return new SupervisorLog(
        state.supervisorLog(), "ftjvm " + command + ":", System.err, Clock.systemUTC());
  }

  static RecoveryPreparation preparation(StateDir state) {
    return new RecoveryPreparation(state);
  }

  /**
   * Runs {@code body} with a shutdown hook that, on SIGTERM or Ctrl-C, kills the application's
   * process tree and ends the supervisor with status 143 (no recovery).
   */
  static int supervise(Supervisor supervisor, Body body) throws Exception {
    Thread hook =
        new Thread(
            () -> {
              if (supervisor.stop()) {
                Runtime.getRuntime().halt(ExitCodes.TERMINATED);
              }
            },
            "ftjvm-supervisor-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return body.call(supervisor);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running or has run
      }
    }
  }
}
