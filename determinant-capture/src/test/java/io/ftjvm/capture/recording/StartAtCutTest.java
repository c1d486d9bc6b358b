package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a stream from a checkpoint's cut, and refusing a cut that does not fit the file. */
class StartAtCutTest {
  @TempDir Path tmp;

  /** Writes thread 1 with three checkpoints in between; returns their cuts. */
  private List<StreamCut> record(Path dir, boolean finish) throws Exception {
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context(), TestSupport.small(64));
    ThreadStreamWriter t = w.openThread("1");
    List<StreamCut> cuts = new ArrayList<>();
    long millis = 1_700_000_000_000L;
    long nanos = -5_000_000L; // clock bases may be negative
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 40; i++) {
        t.clock(EventType.CLOCK_MILLIS, millis += i);
        t.clock(EventType.CLOCK_NANOS, nanos += 1000 * i);
        t.clock(EventType.CLOCK_INSTANT, millis * 1_000_000 + i);
        t.value(EventType.RANDOM_SEED, i * 0x9E3779B97F4A7C15L);
        byte[] b = ("read " + round + "/" + i).getBytes(StandardCharsets.UTF_8);
        t.bytes(EventType.SOCKET_READ, 3, b, 0, b.length);
      }
      cuts.add(w.holdForCheckpoint().get(0));
      w.release();
    }
    for (int i = 0; i < 10; i++) {
      t.clock(EventType.CLOCK_MILLIS, millis + 7 * i);
      t.clock(EventType.CLOCK_NANOS, nanos - i);
    }
    if (finish) {
      w.finish(0);
    } else {
      w.sealAll(); // what a crash leaves after the last seal: read like a crashed writer's stream
    }
    return cuts;
  }

  private static List<Determinant> read(ThreadStreamReader r) throws Exception {
    List<Determinant> out = new ArrayList<>();
    try (r) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    return out;
  }

  @Test
  void startingAtEveryCutGivesWhatReadingFromTheStartAndSkippingGives() throws Exception {
    for (boolean finish : new boolean[] {false, true}) {
      Path dir = tmp.resolve("rec-" + finish);
      List<StreamCut> cuts = record(dir, finish);
      Recording rec = Recording.open(dir);
      List<Determinant> all = TestSupport.readAll(rec, "1");
      for (StreamCut c : cuts) {
        assertNotNull(c.decoder());
        assertTrue(c.decoder().blocks() > 1, "the cut must be past several blocks: " + c);
        ThreadStreamReader r = rec.streamFrom(c);
        assertEquals(c.events(), r.position());
        List<Determinant> tail = read(r);
        TestSupport.assertSameEvents(all.subList((int) c.events(), all.size()), tail);
        assertEquals(
            c.events(), tail.get(0).eventIndex(), "event indexes stay those of the stream");
      }
    }
  }

  @Test
  void aCutWrittenToMetadataReadsBackEqual() throws Exception {
    for (StreamCut c : record(tmp.resolve("rec"), false)) {
      Map<String, String> text = new java.util.HashMap<>();
      c.entries().forEach((k, v) -> text.put(k, Long.toString(v)));
      assertEquals(List.of(c), StreamCutEntries.parse(text));
      text.remove(StreamCut.key("1", StreamCut.CLOCKS[1]));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> StreamCutEntries.parse(text));
      assertTrue(e.getMessage().contains("stream.1.clockNanos' is missing"), e.getMessage());
    }
  }

  @Test
  void anOlderCutWithoutDecoderStateReadsFromTheStartAndSkips() throws Exception {
    Path dir = tmp.resolve("rec");
    StreamCut c = record(dir, false).get(1);
    Recording rec = Recording.open(dir);
    List<Determinant> all = TestSupport.readAll(rec, "1");
    StreamCut old = new StreamCut("1", c.events(), c.position(), c.fileLength());
    TestSupport.assertSameEvents(
        all.subList((int) c.events(), all.size()), read(rec.streamFrom(old)));
  }

  @Test
  void aCutThatDoesNotFitTheFileIsRefusedWithFileAndOffset() throws Exception {
    Path dir = tmp.resolve("rec");
    StreamCut c = record(dir, false).get(1);
    StreamCut.DecoderState s = c.decoder();
    Recording rec = Recording.open(dir);
    List<StreamCut> bad =
        List.of(
            // one byte into the next block
            new StreamCut("1", c.events(), c.position() + 1, c.fileLength(), s),
            // the right offset with the wrong block count (the checksum covers the index)
            new StreamCut(
                "1",
                c.events(),
                c.position(),
                c.fileLength(),
                new StreamCut.DecoderState(s.blocks() + 1, s.lastBlock(), 0, 0, 0)),
            // a last block that is not the one ending at the position
            new StreamCut(
                "1",
                c.events(),
                c.position(),
                c.fileLength(),
                new StreamCut.DecoderState(s.blocks(), s.lastBlock() - 1, 0, 0, 0)),
            // beyond the file
            new StreamCut("1", c.events(), c.fileLength() + 100, c.fileLength() + 100, s));
    for (StreamCut b : bad) {
      RecordingFormatException e =
          assertThrows(RecordingFormatException.class, () -> read(rec.streamFrom(b)), b::toString);
      assertTrue(e.getMessage().contains("1.det at offset "), e.getMessage());
      assertTrue(
          e.getMessage().contains("cannot start reading at the checkpoint's cut"), e.getMessage());
    }
  }

  @Test
  void aCutIntoAFreedRangeIsRefusedAndReadingFromTheStartMeetsTheMark() throws Exception {
    Path dir = tmp.resolve("rec");
    List<StreamCut> cuts = record(dir, false);
    StreamCut keep = cuts.get(1);
    Path f = dir.resolve("threads/1.det");
    long horizon = keep.decoder().lastBlock();
    CollectedPrefix.Mark mark = CollectedPrefix.write(f, horizon, 7);
    // What a punch leaves: zeros from the end of the mark to the horizon.
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate((int) (horizon - mark.end())), mark.end());
    }
    Recording rec = Recording.open(dir);
    List<Determinant> tail = read(rec.streamFrom(keep));
    assertEquals(keep.events(), tail.get(0).eventIndex());
    assertEquals(cuts.get(2).events() - keep.events() + 20, tail.size());

    RecordingFormatException fromStart =
        assertThrows(RecordingFormatException.class, () -> TestSupport.readAll(rec, "1"));
    assertTrue(
        fromStart
            .getMessage()
            .contains(
                "at offset "
                    + mark.at()
                    + ": the log before offset "
                    + horizon
                    + " was garbage collected after checkpoint 7"),
        fromStart.getMessage());

    RecordingFormatException older =
        assertThrows(RecordingFormatException.class, () -> read(rec.streamFrom(cuts.get(0))));
    assertTrue(older.getMessage().contains("that part of the file is gone"), older.getMessage());
  }
}
