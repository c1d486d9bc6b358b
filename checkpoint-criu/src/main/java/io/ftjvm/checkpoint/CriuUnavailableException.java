package io.ftjvm.checkpoint;

/** No usable CRIU: none was found, or the one found is too old or fails {@code criu check}. */
public final class CriuUnavailableException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  private final boolean notFound;

  CriuUnavailableException(String message, boolean notFound) {
    super(message);
    this.notFound = notFound;
  }

  /** True when no CRIU was found at all (rather than one that is unusable). */
  public boolean notFound() {
    return notFound;
  }
}
