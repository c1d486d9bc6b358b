package io.ftjvm.replayer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking two events ahead consumes nothing: expect, exhausted and skipTo see the same stream. */
class ThreadCursorTest {
  @TempDir Path dir;

  private ThreadCursor cursorOverThreeEvents() throws Exception {
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    ThreadStreamWriter out = log.openThread("1");
    out.value(EventType.WAIT_NANOS, 1);
    out.value(EventType.WAIT_NANOS, 2);
    out.value(EventType.WAIT_NANOS, 3);
    log.finish(0);
    return new ReplaySession(Recording.open(dir)).cursor("1");
  }

  @Test
  void theEventAfterTheNextIsSeenWithoutConsumingEither() throws Exception {
    ThreadCursor cursor = cursorOverThreeEvents();
    assertEquals(2, cursor.peekAfterNext().value());
    assertEquals(1, cursor.peek().value());
    assertEquals(2, cursor.peekAfterNext().value(), "asking twice moves nothing");
    assertEquals(1, cursor.expect("waits", EventType.WAIT_NANOS).value());
    assertEquals(1, cursor.consumed());
    assertEquals(3, cursor.peekAfterNext().value());
    assertEquals(2, cursor.expect("waits", EventType.WAIT_NANOS).value());
    assertNull(cursor.peekAfterNext(), "nothing after the last");
    assertFalse(cursor.exhausted());
    assertEquals(3, cursor.expect("waits", EventType.WAIT_NANOS).value());
    assertTrue(cursor.exhausted());
    assertNull(cursor.peekAfterNext());
  }

  @Test
  void aHeldEventIsCheckedAndSkippedLikeAnyOther() throws Exception {
    ThreadCursor cursor = cursorOverThreeEvents();
    cursor.peekAfterNext();
    assertThrows(Divergence.class, () -> cursor.expect("reads the clock", EventType.CLOCK_NANOS));
    cursor.skipTo(2);
    assertEquals(2, cursor.consumed());
    assertEquals(3, cursor.peek().value());
  }
}
