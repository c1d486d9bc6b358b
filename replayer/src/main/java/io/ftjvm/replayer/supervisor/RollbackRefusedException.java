package io.ftjvm.replayer.supervisor;

/**
 * The log cannot be rolled back to a checkpoint's cut (a stream of the cut is missing from the
 * saved log, or shorter than the cut's position, or the cut itself is malformed). The caller tries
 * an older checkpoint; the saved log stays in its recovery directory, and the next preparation
 * copies it from there.
 */
public final class RollbackRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public RollbackRefusedException(String message) {
    super(message);
  }
}
