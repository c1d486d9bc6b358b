package io.ftjvm.replayer.cli;

/** Something the user can fix; printed without a stack trace, exit status 2. */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
