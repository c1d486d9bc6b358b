package io.ftjvm.replayer.engine;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.ThreadStreamReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * One logical thread's position in its recorded stream. Only the owning thread uses it, so it needs
 * no locking; the session counts progress for the stall watchdog.
 */
public final class ThreadCursor {
  private final String threadId;
  private final ThreadStreamReader reader;
  private final boolean recordingComplete;
  private final ReplayProgress progress;
  private long consumed;
  private java.util.function.Consumer<Determinant> listener;

  /**
   * The next determinant, already taken from the reader to look at the one after it ({@link
   * #peekAfterNext}); null when the reader's own look-ahead holds the next.
   */
  private Determinant held;

  ThreadCursor(
      String threadId,
      ThreadStreamReader reader,
      long firstEvent,
      boolean recordingComplete,
      ReplayProgress progress) {
    this.threadId = threadId;
    this.reader = reader;
    this.consumed = firstEvent; // the reader starts there too (at a cut, or at 0)
    this.recordingComplete = recordingComplete;
    this.progress = progress;
  }

  public String threadId() {
    return threadId;
  }

  public long consumed() {
    return consumed;
  }

  /** True when nothing recorded is left for this thread. */
  public boolean exhausted() {
    try {
      return held == null && (reader == null || !reader.hasNext());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next recorded determinant without consuming it, or null at the end. */
  public Determinant peek() {
    if (held != null) {
      return held;
    }
    try {
      return reader == null || !reader.hasNext() ? null : reader.peek();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The determinant after the next one, without consuming either, or null. For a step whose
   * recorded outcome shows only in what followed it (a condition wait that saw an interrupt: did
   * the JDK interrupt the thread again?).
   */
  public Determinant peekAfterNext() {
    try {
      if (held == null) {
        if (reader == null || !reader.hasNext()) {
          return null;
        }
        held = reader.next();
      }
      return reader.hasNext() ? reader.peek() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Consumes the next determinant, which must be one of the given types.
   *
   * @param doing what the program is doing now, in words, for the report ("reads the clock")
   */
  public Determinant expect(String doing, EventType first, EventType... others) {
    Set<EventType> allowed = EnumSet.of(first, others);
    Determinant next = peek();
    if (next == null) {
      if (!recordingComplete) {
        throw new EndOfRecording(threadId, consumed);
      }
      throw new Divergence(
          threadId,
          consumed,
          "no more events (the recording of this thread ends here)",
          doing,
          "the program goes further than the recorded run did");
    }
    if (!allowed.contains(next.type())) {
      throw new Divergence(
          threadId,
          consumed,
          describe(next),
          doing,
          "the program took a different path here; if it is multithreaded, it may have a data race");
    }
    try {
      if (held != null) {
        held = null;
      } else {
        reader.next();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    consumed++;
    progress.advanced();
    if (listener != null) {
      listener.accept(next);
    }
    return next;
  }

  /**
   * Moves past determinants without checking them, up to event index {@code index} (no-op when
   * already there): recovery starts each thread's cursor where its restored log ends.
   *
   * @throws IllegalStateException when the stream has fewer events, or the cursor is past index
   */
  public void skipTo(long index) {
    if (consumed > index) {
      throw new IllegalStateException(
          "thread " + threadId + ": cursor at event " + consumed + " is past event " + index);
    }
    try {
      while (consumed < index) {
        if (held != null) {
          held = null;
          consumed++;
          continue;
        }
        if (reader == null || !reader.hasNext()) {
          throw new IllegalStateException(
              "thread "
                  + threadId
                  + ": the log ends after "
                  + consumed
                  + " events, before "
                  + index);
        }
        reader.next();
        consumed++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Called with every determinant {@link #expect} consumes (recovery writes it to the log). */
  public void onConsumed(java.util.function.Consumer<Determinant> listener) {
    this.listener = listener;
  }

  /** A divergence at this thread's current position. */
  public Divergence diverged(String expected, String actual, String hint) {
    return new Divergence(threadId, consumed, expected, actual, hint);
  }

  /** A determinant in words, for reports. */
  public static String describe(Determinant d) {
    return d.toString();
  }
}
