package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.EventType;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterLifecycleTest {
  @TempDir Path tmp;

  @Test
  void refusesANonEmptyDirectoryOrAFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(dir.resolve("something"), "x");
    FileAlreadyExistsException e =
        assertThrows(
            FileAlreadyExistsException.class,
            () -> RecordingWriter.create(dir, TestSupport.context()));
    assertTrue(
        e.getMessage().contains("refusing to record into a non-empty directory"), e.getMessage());
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThrows(
        NotDirectoryException.class, () -> RecordingWriter.create(file, TestSupport.context()));
    // An existing empty directory is fine.
    RecordingWriter.create(Files.createDirectories(tmp.resolve("empty")), TestSupport.context())
        .finish(0);
  }

  @Test
  void threadIdsAreValidatedAndOpenedOnce() throws Exception {
    RecordingWriter w = RecordingWriter.create(tmp.resolve("rec"), TestSupport.context());
    w.openThread("1.2");
    assertThrows(IllegalStateException.class, () -> w.openThread("1.2"));
    for (String bad :
        new String[] {"", "a", "1.", ".1", "1..2", "01", "1.02", "-1", "1/2", "../x"}) {
      assertThrows(IllegalArgumentException.class, () -> w.openThread(bad), bad);
    }
    w.finish(0);
  }

  @Test
  void afterFinishEventsAreDroppedAndLateThreadsGetAClosedWriter() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    t.clock(EventType.CLOCK_MILLIS, 1);
    w.finish(0);
    assertTrue(w.isFinished());
    assertTrue(t.isClosed());
    t.clock(EventType.CLOCK_MILLIS, 2);
    t.bytes(EventType.SOCKET_READ, 1, new byte[3], 0, 3);
    assertEquals(1, t.eventCount());
    ThreadStreamWriter late = w.openThread("2");
    late.clock(EventType.CLOCK_MILLIS, 3);
    assertEquals(0, late.eventCount());
    assertFalse(Files.exists(dir.resolve("threads/2.det")));
    assertThrows(IllegalStateException.class, () -> w.finish(0));
    w.sealAll(); // no-op after finish
    assertEquals(1, Recording.open(dir).verify());
  }

  @Test
  void anInterruptedThreadRecordsEverythingAndKeepsItsInterrupt() throws Exception {
    // An interrupted thread's FileChannel operation closes the channel: the stream must not use
    // one while the application's interrupt is pending.
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    int events = 200_000; // several mapped windows, so the file grows while interrupted
    Thread.currentThread().interrupt();
    try {
      ThreadStreamWriter t = w.openThread("1");
      for (int i = 0; i < events; i++) {
        t.bytes(EventType.SOCKET_READ, 1, new byte[16], 0, 16);
      }
      w.forceChanged();
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt must still be pending");
    } finally {
      Thread.interrupted();
    }
    w.finish(0);
    assertEquals((long) events, Recording.open(dir).verify());
  }

  @Test
  void aRecordingFinishedByAnInterruptedThreadIsCompleteAndTheInterruptKept() throws Exception {
    // end.bin is written by whichever thread ends the program, which may have an interrupt pending.
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    w.openThread("1").clock(EventType.CLOCK_MILLIS, 1);
    Thread.currentThread().interrupt();
    try {
      w.finish(0);
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt must still be pending");
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, Recording.open(dir).verify());
  }

  @Test
  void interruptsLandingDuringFileOperationsLoseNothing() throws Exception {
    // The flag is cleared before each channel operation, but another thread's interrupt can land
    // while it runs, which closes the channel (seen with Thread.interrupt racing a stream's open).
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    int threads = 3;
    int events = 150_000; // several mapped windows per thread
    java.util.List<Thread> writers = new java.util.ArrayList<>();
    java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicLong keptInterrupts =
        new java.util.concurrent.atomic.AtomicLong();
    for (int n = 1; n <= threads; n++) {
      String id = "1." + n;
      writers.add(
          new Thread(
              () -> {
                try {
                  ThreadStreamWriter t = w.openThread(id);
                  for (int i = 0; i < events; i++) {
                    t.bytes(EventType.SOCKET_READ, 1, new byte[16], 0, 16);
                    if (Thread.interrupted()) {
                      keptInterrupts.incrementAndGet();
                    }
                  }
                  w.forceChanged();
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    TestSupport.runWhileInterrupting(writers, 10_000);
    assertTrue(failures.isEmpty(), () -> "a writer failed: " + TestSupport.stackTraces(failures));
    assertTrue(keptInterrupts.get() > 0, "the interrupts must reach the writing threads");
    w.finish(0);
    assertEquals((long) threads * events, Recording.open(dir).verify());
  }

  @Test
  void typesWrittenThroughTheWrongMethodAreRefusedAndNothingIsWritten() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    assertThrows(IllegalArgumentException.class, () -> t.clock(EventType.IDENTITY_HASH, 1));
    assertThrows(IllegalArgumentException.class, () -> t.value(EventType.SOCKET_READ, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> t.bytes(EventType.SOCKET_CLOSE, 1, new byte[1], 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> t.channelEvent(EventType.THREAD_START, 1, 0, "1.1"));
    assertThrows(
        IllegalArgumentException.class, () -> t.channelEvent(EventType.SOCKET_READ, 1, 0, null));
    assertThrows(IllegalArgumentException.class, () -> t.text(EventType.SOCKET_ERROR, "x"));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> t.bytes(EventType.SOCKET_READ, 1, new byte[1], 1, 1));
    assertEquals(0, t.eventCount());
    t.clock(EventType.CLOCK_MILLIS, 7);
    t.value(EventType.CLOCK_NANOS, 8); // value() accepts clock types and delta-encodes them
    w.finish(0);
    assertEquals(2, Recording.open(dir).verify());
  }

  @Test
  void sealIsSafeAtAnyTime() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    t.seal(); // nothing written yet
    w.sealAll();
    t.clock(EventType.CLOCK_MILLIS, 1);
    t.seal();
    t.seal(); // empty block: no-op
    t.clock(EventType.CLOCK_MILLIS, 2);
    w.sealAll();
    t.clock(EventType.CLOCK_MILLIS, 3);
    w.finish(0);
    assertEquals(3, Recording.open(dir).verify());
    // header 21 + three blocks of one 2-byte record each
    assertEquals(21 + 3 * (9 + 2), Files.size(dir.resolve("threads/1.det")));
  }
}
