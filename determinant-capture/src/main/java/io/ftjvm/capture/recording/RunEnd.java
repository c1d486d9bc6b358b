package io.ftjvm.capture.recording;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a recorded run ended: stored in {@code end.bin}, which exists only when the recording was
 * finished normally ({@link RecordingWriter#finish(int)}).
 */
public final class RunEnd {
  private final int exitStatus;
  private final long endEpochMillis;
  private final Map<String, StreamSummary> streams;
  private final Map<String, Long> eventCounts;

  RunEnd(int exitStatus, long endEpochMillis, Map<String, StreamSummary> streams) {
    this.exitStatus = exitStatus;
    this.endEpochMillis = endEpochMillis;
    TreeMap<String, StreamSummary> s = new TreeMap<>(ThreadIds.ORDER);
    s.putAll(streams);
    this.streams = Collections.unmodifiableMap(s);
    TreeMap<String, Long> counts = new TreeMap<>(ThreadIds.ORDER);
    s.forEach((id, summary) -> counts.put(id, summary.eventCount));
    this.eventCounts = Collections.unmodifiableMap(counts);
  }

  public int exitStatus() {
    return exitStatus;
  }

  public long endEpochMillis() {
    return endEpochMillis;
  }

  /** Events per logical thread id, in logical thread order. */
  public Map<String, Long> eventCounts() {
    return eventCounts;
  }

  Map<String, StreamSummary> streams() {
    return streams;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunEnd
        && ((RunEnd) o).exitStatus == exitStatus
        && ((RunEnd) o).endEpochMillis == endEpochMillis
        && ((RunEnd) o).streams.equals(streams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitStatus, endEpochMillis, streams);
  }

  @Override
  public String toString() {
    return "RunEnd[exit " + exitStatus + ", at " + endEpochMillis + ", events " + eventCounts + "]";
  }

  /**
   * What finish() knew about one stream. {@code sealed} is false when finish() could not bring the
   * stream's writer to a stop (see RecordingWriter); such a stream is read like a crashed one.
   */
  static final class StreamSummary {
    final long eventCount;
    final long length;
    final boolean sealed;

    StreamSummary(long eventCount, long length, boolean sealed) {
      this.eventCount = eventCount;
      this.length = length;
      this.sealed = sealed;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StreamSummary
          && ((StreamSummary) o).eventCount == eventCount
          && ((StreamSummary) o).length == length
          && ((StreamSummary) o).sealed == sealed;
    }

    @Override
    public int hashCode() {
      return Objects.hash(eventCount, length, sealed);
    }
  }
}
