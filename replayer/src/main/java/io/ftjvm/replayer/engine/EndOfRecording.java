package io.ftjvm.replayer.engine;

/**
 * A thread asked for its next event after the last one of a recording whose process did not end
 * normally (it was killed, or crashed): everything recorded has been replayed.
 */
public final class EndOfRecording extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EndOfRecording(String threadId, long eventIndex) {
    super(
        "thread " + threadId + " reached the end of the recording at event " + eventIndex,
        null,
        false,
        false);
  }
}
