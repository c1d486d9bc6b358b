package io.ftjvm.replayer.supervisor;

/** CRIU could not restore a checkpoint; the message quotes the restore log's error lines. */
public final class RestoreFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public RestoreFailedException(String message) {
    super(message);
  }
}
