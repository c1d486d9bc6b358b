package io.ftjvm.checkpoint;

import java.io.IOException;

/** A checkpoint could not be taken (or a participant refused it); the process keeps running. */
public class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
