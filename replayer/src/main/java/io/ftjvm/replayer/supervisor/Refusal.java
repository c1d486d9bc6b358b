package io.ftjvm.replayer.supervisor;

/**
 * Something the user can fix (a bad option, a state directory in the wrong state, no CRIU): the
 * command line prints the message without a stack trace and exits with status 2.
 */
public final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Refusal(String message) {
    super(message);
  }
}
