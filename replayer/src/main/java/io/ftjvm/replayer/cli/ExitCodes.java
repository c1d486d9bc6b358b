package io.ftjvm.replayer.cli;

/** Exit statuses of the ftjvm command line (also listed in its --help). */
final class ExitCodes {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int DIVERGED = 86;

  private ExitCodes() {}
}
