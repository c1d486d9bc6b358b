package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
  @TempDir Path tmp;

  @Test
  void everyEventTypeWithEdgeValuesRoundTrips() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    List<Determinant> expected = new ArrayList<>();
    long[] values = {
      0,
      1,
      -1,
      63,
      64,
      -64,
      -65,
      8191,
      8192,
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      1L << 55,
      -(1L << 55),
      1_700_000_000_000L
    };
    String[] texts = EventGen.TEXTS;
    byte[][] payloads = {new byte[0], {42}, "hello".getBytes(), new byte[70_000]};
    int[] channels = {0, 1, 127, 128, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
    for (EventType type : EventType.values()) {
      for (int i = 0; i < Math.max(values.length, Math.max(texts.length, payloads.length)); i++) {
        int ch = type.hasChannel() ? channels[i % channels.length] : -1;
        long v = type.hasValue() ? values[i % values.length] : 0;
        byte[] b = type.hasBytes() ? payloads[i % payloads.length] : null;
        String s = type.hasText() ? texts[i % texts.length] : null;
        Determinant d = new Determinant(type, expected.size(), ch, v, b, s, 0);
        EventGen.write(t, d);
        expected.add(EventGen.expected(d));
      }
    }
    assertEquals(expected.size(), t.eventCount());
    w.finish(3);

    Recording r = Recording.open(dir);
    List<Determinant> actual = TestSupport.readAll(r, "1");
    TestSupport.assertSameEvents(expected, actual);
    assertEquals("?x", actual.stream().filter(d -> "?x".equals(d.text())).findFirst().get().text());
    assertEquals(3, r.end().get().exitStatus());
    assertEquals(Map.of("1", (long) expected.size()), r.end().get().eventCounts());
    for (Determinant d : actual) {
      assertTrue(d.encodedSize() > 0, d.toString());
    }
  }

  @Test
  void manyEventsAcrossManyBlocksWindowsAndThreads() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context(), TestSupport.small(64));
    // maxBytes above the block size: some records get an oversized block of their own.
    Map<String, List<Determinant>> expected =
        TestSupport.writeGenerated(w, 3000, 300, "1", "1.2", "1.10", "2");
    w.finish(0);
    Map<String, List<Determinant>> actual = TestSupport.readEverything(dir);
    assertEquals(List.of("1", "1.2", "1.10", "2"), List.copyOf(actual.keySet()));
    for (String id : expected.keySet()) {
      TestSupport.assertSameEvents(expected.get(id), actual.get(id));
    }
  }

  @Test
  void defaultConfigurationRoundTrips() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    Map<String, List<Determinant>> expected =
        TestSupport.writeGenerated(w, 50_000, 200_000, "1", "1.1");
    w.finish(0);
    Map<String, List<Determinant>> actual = TestSupport.readEverything(dir);
    for (String id : expected.keySet()) {
      TestSupport.assertSameEvents(expected.get(id), actual.get(id));
    }
  }

  @Test
  void clockValuesAreDeltaEncodedPerTypeAndWrapAround() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    // Interleaved types: each type's delta base is its own previous value.
    t.clock(EventType.CLOCK_MILLIS, 1_000_000);
    t.clock(EventType.CLOCK_NANOS, 5_000_000_000L);
    t.clock(EventType.CLOCK_MILLIS, 1_000_001);
    t.clock(EventType.CLOCK_NANOS, 5_000_000_100L);
    t.clock(EventType.CLOCK_INSTANT, Long.MAX_VALUE);
    t.clock(EventType.CLOCK_INSTANT, Long.MIN_VALUE); // delta overflows and wraps
    t.clock(EventType.CLOCK_MILLIS, 999_999); // negative delta
    w.finish(0);
    List<Determinant> ds = TestSupport.readAll(Recording.open(dir), "1");
    long[] values = ds.stream().mapToLong(Determinant::value).toArray();
    assertEquals(
        List.of(
            1_000_000L,
            5_000_000_000L,
            1_000_001L,
            5_000_000_100L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            999_999L),
        java.util.Arrays.stream(values).boxed().toList());
    assertEquals(2, ds.get(2).encodedSize(), "millis +1");
    assertEquals(3, ds.get(3).encodedSize(), "nanos +100");
    assertEquals(2, ds.get(5).encodedSize(), "instant MAX -> MIN is a delta of +1 modulo 2^64");
    assertEquals(2, ds.get(6).encodedSize(), "millis -2");
  }

  /**
   * A context written before the processor count was kept ends after the environment: it is read as
   * "does not say" (0). A count no machine has is damage, named with its offset.
   */
  @Test
  void aContextWithoutTheProcessorCountReadsAsUnknownAndAnImpossibleCountIsRefused()
      throws Exception {
    Path dir = tmp.resolve("old");
    java.nio.file.Files.createDirectories(dir);
    byte[] body = contextBody(TestSupport.context());
    byte[] withoutCount = java.util.Arrays.copyOf(body, body.length - 1); // varint 0: one byte
    SmallFiles.writeAtomically(dir.resolve(Format.CONTEXT_FILE), Format.KIND_CONTEXT, withoutCount);
    assertEquals(0, ContextFile.read(dir).processors());

    byte[] impossible = java.util.Arrays.copyOf(withoutCount, withoutCount.length + 4);
    System.arraycopy(
        new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
        0,
        impossible,
        withoutCount.length,
        4);
    SmallFiles.writeAtomically(dir.resolve(Format.CONTEXT_FILE), Format.KIND_CONTEXT, impossible);
    RecordingFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RecordingFormatException.class, () -> ContextFile.read(dir));
    assertTrue(e.getMessage().contains("processors 2097152 is no processor count"), e.getMessage());
  }

  /** The body of context.bin as the writer makes it. */
  private byte[] contextBody(RunContext context) throws Exception {
    Path dir = tmp.resolve("new");
    java.nio.file.Files.createDirectories(dir);
    ContextFile.write(dir, context);
    byte[] file = java.nio.file.Files.readAllBytes(dir.resolve(Format.CONTEXT_FILE));
    return java.util.Arrays.copyOfRange(file, 12, file.length - 4);
  }

  @Test
  void contextAndEndRoundTrip() throws Exception {
    Path dir = tmp.resolve("rec");
    RunContext ctx =
        RunContext.builder()
            .fromCurrentJvm()
            .mainClass("x.Y")
            .mode("record")
            .agentVersion("9.9")
            .appArguments(List.of("a b", "\u00e9"))
            .build();
    RecordingWriter w = RecordingWriter.create(dir, ctx);
    w.openThread("1").clock(EventType.CLOCK_MILLIS, 5);
    w.openThread("1.1");
    w.finish(-7);
    Recording r = Recording.open(dir);
    assertEquals(ctx, r.context());
    assertEquals(Format.VERSION, r.context().formatVersion());
    assertFalse(r.context().environment().isEmpty());
    assertEquals(Runtime.getRuntime().availableProcessors(), r.context().processors());
    RunEnd end = r.end().get();
    assertEquals(-7, end.exitStatus());
    assertEquals(Map.of("1", 1L, "1.1", 0L), end.eventCounts());
    assertEquals(List.of("1", "1.1"), r.threadIds());
    assertEquals(0, TestSupport.readAll(r, "1.1").size());
    assertEquals(1, r.verify());
  }

  @Test
  void nullsInContextAndEmptyRecording() throws Exception {
    Path dir = tmp.resolve("rec");
    RunContext ctx = RunContext.builder().build();
    RecordingWriter.create(dir, ctx).finish(0);
    Recording r = Recording.open(dir);
    assertNull(r.context().mainClass());
    assertEquals(ctx, r.context());
    assertTrue(r.threadIds().isEmpty());
    assertEquals(0, r.verify());
  }

  @Test
  void finishTruncatesStreamsToTheirRealLength() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    t.clock(EventType.CLOCK_MILLIS, 1);
    Path f = dir.resolve("threads/1.det");
    assertTrue(Files.size(f) >= (1 << 20), "a whole window is preallocated while recording");
    w.finish(0);
    long header = 16 + 4 + 1;
    assertEquals(header + 9 + 2, Files.size(f), "header + one block header + one 2-byte record");
  }

  @Test
  void peekPositionAndByteOffset() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("7");
    t.clock(EventType.CLOCK_MILLIS, 1);
    t.text(EventType.THREAD_START, "7.1");
    w.finish(0);
    try (ThreadStreamReader r = Recording.open(dir).stream("7")) {
      assertEquals(0, r.position());
      assertEquals(EventType.CLOCK_MILLIS, r.peek().type());
      assertEquals(0, r.position());
      r.next();
      assertEquals(21 + 9 + 2, r.byteOffset(), "header, block header, 2-byte record");
      assertEquals(1, r.position());
      assertEquals("7.1", r.next().text());
      assertFalse(r.hasNext());
      assertNull(r.peek());
    }
  }
}
