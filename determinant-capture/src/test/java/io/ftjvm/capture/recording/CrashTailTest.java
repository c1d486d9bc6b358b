package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state a crashed writer leaves (never finished: sealed blocks, then an unsealed tail, then
 * preallocated zeros), reproduced in-process: the writer is simply abandoned, and the reader sees
 * the mapped bytes through the page cache exactly as after a kill -9.
 */
class CrashTailTest {
  @TempDir Path tmp;

  private Path dir;
  private Path stream;
  private List<Determinant> expected;

  /** File offset where each expected record ends. */
  private final List<Long> ends = new ArrayList<>();

  /** First byte of the unsealed tail's records. */
  private long tailStart;

  private byte[] original;

  @BeforeEach
  void crashedRecording() throws Exception {
    dir = tmp.resolve("rec");
    RecordingWriter w =
        RecordingWriter.create(
            dir, TestSupport.context(), TestSupport.small(512).withWindowSize(64 * 1024));
    ThreadStreamWriter t = w.openThread("1");
    EventGen gen = new EventGen(42, 100);
    expected = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Determinant d = gen.next();
      EventGen.write(t, d);
      expected.add(EventGen.expected(d));
    }
    t.seal();
    tailStart = t.committedEnd() + Format.BLOCK_HEADER;
    for (int i = 0; i < 12; i++) { // stays inside one 512-byte block: the unsealed tail
      Determinant d = gen.next();
      EventGen.write(t, d);
      expected.add(EventGen.expected(d));
    }
    stream = dir.resolve("threads/1.det");
    original = Files.readAllBytes(stream);
    assertTrue(original.length > tailStart + 1000, "preallocated zeros follow the data");
    assertFalse(Files.exists(dir.resolve("end.bin")));
    try (ThreadStreamReader r = Recording.open(dir).stream("1")) {
      while (r.hasNext()) {
        r.next();
        ends.add(r.byteOffset());
      }
    }
    assertEquals(expected.size(), ends.size());
    assertTrue(ends.get(ends.size() - 13) < tailStart && ends.get(ends.size() - 12) > tailStart);
  }

  private List<Determinant> read() throws IOException {
    Recording r = Recording.open(dir);
    assertTrue(r.end().isEmpty());
    return TestSupport.readAll(r, "1");
  }

  @Test
  void crashedStreamReadsCompletely() throws Exception {
    TestSupport.assertSameEvents(expected, read());
  }

  @Test
  void cutInsideTheTailDropsOnlyTheTornRecord() throws Exception {
    for (long cut = tailStart; cut <= ends.get(ends.size() - 1) + 3; cut++) {
      TestSupport.truncate(stream, cut);
      int complete = 0;
      while (complete < ends.size() && ends.get(complete) <= cut) {
        complete++;
      }
      TestSupport.assertSameEvents(expected.subList(0, complete), read());
      Files.write(stream, original);
    }
  }

  @Test
  void cutAnywhereGivesAnErrorOrAPrefix() throws Exception {
    for (long cut = 0; cut < tailStart; cut++) {
      TestSupport.truncate(stream, cut);
      try {
        List<Determinant> got = read();
        assertEquals(expected.subList(0, got.size()), got, "cut at " + cut);
      } catch (RecordingFormatException e) {
        assertTrue(e.getMessage().contains(stream.toString()));
      }
      Files.write(stream, original);
    }
  }

  @Test
  void recordWhoseTagWasNotYetWrittenIsInvisible() throws Exception {
    // A writer killed between payload and tag leaves the payload with a zero tag.
    byte[] b = original.clone();
    int lastStart = (int) (long) ends.get(ends.size() - 2);
    b[lastStart] = 0;
    Files.write(stream, b);
    TestSupport.assertSameEvents(expected.subList(0, expected.size() - 1), read());
    // Killed in the middle of a tail: everything after the first zero tag is invisible.
    int middle = (int) (long) ends.get(ends.size() - 7);
    b[middle] = 0;
    Files.write(stream, b);
    TestSupport.assertSameEvents(expected.subList(0, expected.size() - 6), read());
  }

  @Test
  void tornSealLooksLikeAnUnsealedBlock() throws Exception {
    // Keep only the sealed blocks: a crash right after the last seal.
    int sealedEnd = (int) (tailStart - Format.BLOCK_HEADER);
    Files.write(stream, java.util.Arrays.copyOf(original, sealedEnd + Format.BLOCK_HEADER));
    List<Determinant> sealedOnly = read();
    // Killed while sealing the last block: length and CRC written, marker not yet. The block
    // is then read record by record as the unsealed tail, with the same result.
    int lastHeader = 21;
    for (int off = 21;
        off < sealedEnd;
        off += Format.BLOCK_HEADER + java.nio.ByteBuffer.wrap(original, off, 4).getInt()) {
      lastHeader = off;
    }
    byte[] torn = java.util.Arrays.copyOf(original, sealedEnd + Format.BLOCK_HEADER);
    torn[lastHeader + 8] = 0;
    Files.write(stream, torn);
    TestSupport.assertSameEvents(sealedOnly, read());
  }

  @Test
  void flipsInTheTailNeverCauseAnythingButAFormatErrorOrData() throws Exception {
    // The tail has no checksum (a crash tears, it does not flip bits), so a flip there may give
    // other data; what it must never do is crash the reader with another exception.
    long end = ends.get(ends.size() - 1) + 16;
    for (long i = tailStart - Format.BLOCK_HEADER; i < end; i++) {
      for (int mask : new int[] {0xFF, 0x01, 0x40, 0x80}) {
        byte[] b = original.clone();
        b[(int) i] ^= (byte) mask;
        Files.write(stream, b);
        try {
          List<Determinant> got = read();
          assertTrue(got.size() <= expected.size() + 40, "at most one record per 2 tail bytes");
        } catch (RecordingFormatException e) {
          assertTrue(e.getMessage().contains(stream.toString()), e.getMessage());
        }
      }
    }
    Files.write(stream, original);
  }
}
