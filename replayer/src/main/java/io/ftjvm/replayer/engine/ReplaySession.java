package io.ftjvm.replayer.engine;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.StreamCut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A recording being replayed: one cursor per logical thread, and the questions asked at the end
 * (was everything replayed? did the program end as recorded?).
 */
public final class ReplaySession {
  private final Recording recording;
  private final boolean complete;
  private final ReplayProgress progress = new ReplayProgress();
  private final Map<String, ThreadCursor> cursors = new ConcurrentHashMap<>();
  private final Map<String, StreamCut> starts;

  public ReplaySession(Recording recording) {
    this(recording, Map.of());
  }

  /**
   * A session whose threads start at a checkpoint's cut (recovery): a thread with a cut in {@code
   * starts} is read from there ({@link Recording#streamFrom}), its cursor at the cut's event; the
   * log before the cut is not read, and may have been garbage collected.
   */
  public ReplaySession(Recording recording, Map<String, StreamCut> starts) {
    this.recording = recording;
    this.complete = recording.end().isPresent();
    this.starts = Map.copyOf(starts);
  }

  public Recording recording() {
    return recording;
  }

  /** True when the recorded process ended normally (so running past the end is a divergence). */
  public boolean recordingComplete() {
    return complete;
  }

  public ReplayProgress progress() {
    return progress;
  }

  /** The cursor of a logical thread; a thread the recording does not know gets an empty one. */
  public ThreadCursor cursor(String threadId) {
    return cursors.computeIfAbsent(threadId, this::open);
  }

  private ThreadCursor open(String threadId) {
    try {
      boolean known = recording.threadIds().contains(threadId);
      StreamCut start = known ? starts.get(threadId) : null;
      if (start != null) {
        return new ThreadCursor(
            threadId, recording.streamFrom(start), start.events(), complete, progress);
      }
      return new ThreadCursor(
          threadId, known ? recording.stream(threadId) : null, 0, complete, progress);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Total events replayed so far. */
  public long replayedEvents() {
    return progress.events();
  }

  /** Threads that still have recorded events left, with their next one; empty when all are done. */
  public List<String> unfinishedThreads() {
    List<String> unfinished = new ArrayList<>();
    for (String id : recording.threadIds()) {
      ThreadCursor cursor = cursor(id);
      Determinant next = cursor.peek();
      if (next != null) {
        unfinished.add(
            "thread "
                + id
                + " stopped after "
                + cursor.consumed()
                + " events; next recorded: "
                + next);
      }
    }
    return unfinished;
  }
}
