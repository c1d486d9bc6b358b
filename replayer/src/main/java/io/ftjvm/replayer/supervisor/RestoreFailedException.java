package io.ftjvm.replayer.supervisor;

/**
 * CRIU could not restore a checkpoint; the message quotes the restore log's error lines and {@link
 * #failure()} says whether the checkpoint is worth another try.
 */
public final class RestoreFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RestoreFailure failure;

  public RestoreFailedException(String message, RestoreFailure failure) {
    super(message);
    this.failure = java.util.Objects.requireNonNull(failure, "failure");
  }

  public RestoreFailure failure() {
    return failure;
  }
}
