package io.ftjvm.replayer.cli;

/** Exit statuses of the ftjvm command line (also listed in its --help). */
final class ExitCodes {
  static final int OK = 0;

  /** ftjvm checkpoint: the agent refused, or did not answer. */
  static final int FAILED = 1;

  static final int USAGE = 2;

  /**
   * ftjvm demo: the record/replay part passed, but the crash part could not run on this machine
   * (ftjvm run refused: no usable CRIU, not root). Not 0, so that the README's first command does
   * not pass for a demonstration of fault tolerance where none took place.
   */
  static final int DEMO_CRASH_UNAVAILABLE = 4;

  /** ftjvm run/restore: the application crashed and could not be brought back. */
  static final int GAVE_UP = io.ftjvm.replayer.supervisor.Supervisor.GAVE_UP;

  static final int DIVERGED = 86;

  /** ftjvm run/restore: stopped by SIGTERM or Ctrl-C (the application was killed). */
  static final int TERMINATED = io.ftjvm.replayer.supervisor.Supervisor.TERMINATED;

  private ExitCodes() {}
}
