package io.ftjvm.capture.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTypeTest {
  @Test
  void codesAreTheContractsAndStable() {
    String expected =
        "CLOCK_MILLIS=1 CLOCK_NANOS=2 CLOCK_INSTANT=3 RANDOM_SEED=4 TLR_SEED=5 IDENTITY_HASH=6 "
            + "SECURE_RANDOM=7 SOCKET_BIND=8 SOCKET_ACCEPT=9 SOCKET_CONNECT=10 SOCKET_READ=11 SOCKET_EOF=12 "
            + "SOCKET_WRITE=13 SOCKET_CLOSE=14 SOCKET_ERROR=15 THREAD_START=16 SOCKET_AVAILABLE=17 SELECT=18 LOCK_ACQUIRE=19 LOCK_TRY_FAILED=20 "
            + "CONSOLE_WRITE=21 INTERRUPT=22 INTERRUPTED=23 INTERRUPT_CHECK=24 INTERRUPT_CHECK_SET=25 "
            + "THREAD_END=26 THREAD_JOINED=27 THREAD_ALIVE=28 THREAD_NOT_ALIVE=29 THREAD_STATE=30 TASK_RUN=31 WAIT_CANCEL=32 WAIT_NANOS=33 QUEUE_VIEW=34 QUEUED_THREADS=35 THREAD_COUNT=36 THREADS_LISTED=37 THREAD_ID=38 JVM_VALUE=39 JVM_TEXT=40 THREAD_TEXT=41 JVM_REAL=42 STACK_TRACES=43 THREAD_INFO=44 ";
    StringBuilder actual = new StringBuilder();
    for (EventType t : EventType.values()) {
      actual.append(t).append('=').append(t.code()).append(' ');
      assertEquals(t, EventType.fromCode(t.code()));
      assertTrue(t.code() > 0 && t.code() <= EventType.MAX_CODE);
    }
    assertEquals(expected, actual.toString());
    assertThrows(IllegalArgumentException.class, () -> EventType.fromCode(0));
    assertThrows(IllegalArgumentException.class, () -> EventType.fromCode(45));
    assertNull(EventType.lookup(64));
  }

  @Test
  void fields() {
    assertTrue(EventType.CLOCK_NANOS.isClock() && EventType.CLOCK_NANOS.hasValue());
    assertEquals(-1, EventType.RANDOM_SEED.clockIndex());
    assertTrue(
        EventType.SOCKET_ACCEPT.hasChannel()
            && EventType.SOCKET_ACCEPT.hasValue()
            && EventType.SOCKET_ACCEPT.hasText()
            && !EventType.SOCKET_ACCEPT.hasBytes());
    assertTrue(EventType.SECURE_RANDOM.hasBytes() && !EventType.SECURE_RANDOM.hasChannel());
    assertEquals("read", EventType.SOCKET_READ.displayName());
  }

  @Test
  void determinantToStringAndEquality() {
    Determinant a = new Determinant(EventType.SOCKET_READ, 12, 3, 0, "hello".getBytes(), null, 8);
    Determinant b = new Determinant(EventType.SOCKET_READ, 12, 3, 0, "hello".getBytes(), null, 0);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("#12 read ch=3 bytes[5]=\"hello\" (8 B)", a.toString());
    assertEquals(
        "#0 thread-start text=\"1.2\"",
        new Determinant(EventType.THREAD_START, 0, -1, 0, null, "1.2", 0).toString());
  }
}
