package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files are refused with a message naming file, offset and problem; never read as wrong
 * data.
 */
class CorruptionTest {
  @TempDir Path tmp;

  /** A finished recording: two threads, 32-byte blocks, so every record is in some sealed block. */
  private Map<String, List<Determinant>> smallFinished(Path dir) throws IOException {
    RecordingWriter w =
        RecordingWriter.create(
            dir, RunContext.builder().mainClass("M").build(), TestSupport.small(32));
    Map<String, List<Determinant>> expected = TestSupport.writeGenerated(w, 25, 40, "1", "1.1");
    w.finish(0);
    assertEquals(expected, TestSupport.readEverything(dir));
    return expected;
  }

  private static RecordingFormatException expectRefused(Path dir) {
    try {
      Map<String, List<Determinant>> got = TestSupport.readEverything(dir);
      return fail("damaged recording was read without error: " + got);
    } catch (RecordingFormatException e) {
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(" at offset " + e.offset() + ": "), e.getMessage());
      assertTrue(e.getMessage().startsWith(e.file().toString()), e.getMessage());
      return e;
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("expected RecordingFormatException, got " + e, e);
    }
  }

  @Test
  void everyFlippedByteOfASealedRecordingIsDetected() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    int checked = 0;
    for (Path f : TestSupport.files(dir)) {
      byte[] original = Files.readAllBytes(f);
      for (int i = 0; i < original.length; i++) {
        for (int mask : new int[] {0xFF, 0x01, 0x80}) {
          byte[] damaged = original.clone();
          damaged[i] ^= (byte) mask;
          Files.write(f, damaged);
          RecordingFormatException e = expectRefused(dir);
          assertTrue(e.offset() >= 0, e.getMessage());
          checked++;
        }
      }
      Files.write(f, original);
    }
    assertTrue(checked > 1500, "flips checked: " + checked);
  }

  @Test
  void finishedStreamTruncatedAnywhereIsRefused() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    for (Path f : TestSupport.files(dir)) {
      byte[] original = Files.readAllBytes(f);
      for (int cut = 0; cut < original.length; cut++) {
        TestSupport.truncate(f, cut);
        expectRefused(dir);
        Files.write(f, original);
      }
    }
  }

  @Test
  void withoutEndBinACutIsRefusedOrGivesAnExactPrefixAtABlockBoundary() throws Exception {
    Path dir = tmp.resolve("rec");
    Map<String, List<Determinant>> expected = smallFinished(dir);
    Files.delete(dir.resolve("end.bin")); // now it reads like a crash after the last seal
    Path f = dir.resolve("threads/1.det");
    byte[] original = Files.readAllBytes(f);
    int prefixes = 0;
    int refusals = 0;
    for (int cut = 0; cut < original.length; cut++) {
      TestSupport.truncate(f, cut);
      try {
        List<Determinant> got = TestSupport.readEverything(dir).get("1");
        assertEquals(expected.get("1").subList(0, got.size()), got, "cut at " + cut);
        prefixes++;
      } catch (RecordingFormatException e) {
        refusals++;
      }
      Files.write(f, original);
    }
    assertTrue(
        prefixes > 3 && refusals > prefixes, prefixes + " prefixes, " + refusals + " refusals");
  }

  @Test
  void wrongVersionIsRefusedNamingBothVersions() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    for (Path f :
        List.of(dir.resolve("context.bin"), dir.resolve("end.bin"), dir.resolve("threads/1.det"))) {
      byte[] original = Files.readAllBytes(f);
      byte[] v1 = original.clone();
      v1[5] = 1;
      Files.write(f, v1);
      RecordingFormatException e = expectRefused(dir);
      assertEquals(f, e.file());
      assertEquals(4, e.offset());
      assertTrue(
          e.getMessage().contains("unsupported format version 1 (this reader supports version 2)"),
          e.getMessage());
      Files.write(f, original);
    }
  }

  @Test
  void badMagicAndTruncatedHeader() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    Path ctx = dir.resolve("context.bin");
    byte[] original = Files.readAllBytes(ctx);
    Files.write(ctx, "PK\u0003\u0004 this is a zip".getBytes());
    assertTrue(expectRefused(dir).getMessage().contains("bad magic 50 4b 03 04"));
    Files.write(ctx, new byte[] {'F', 'T', 'J', 'R', 0, 2, 1});
    assertTrue(expectRefused(dir).getMessage().contains("truncated header"));
    Files.write(ctx, new byte[0]);
    assertTrue(expectRefused(dir).getMessage().contains("truncated header: the file has 0 bytes"));
    Files.write(ctx, original);
  }

  @Test
  void missingContextIsRefused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    RecordingFormatException e =
        assertThrows(RecordingFormatException.class, () -> Recording.open(dir));
    assertEquals(dir.resolve("context.bin"), e.file());
    assertTrue(e.getMessage().contains("missing context.bin"), e.getMessage());
    RecordingFormatException e2 =
        assertThrows(RecordingFormatException.class, () -> Recording.open(tmp.resolve("nope")));
    assertTrue(e2.getMessage().contains("does not exist"), e2.getMessage());
  }

  @Test
  void checksumMismatchNamesStoredAndComputed() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    Path f = dir.resolve("threads/1.det");
    long firstBlock = 16 + 4 + 1;
    Craft.flip(f, firstBlock + 9, 0x10); // first payload byte
    RecordingFormatException e = expectRefused(dir);
    assertEquals(firstBlock, e.offset());
    assertTrue(
        e.getMessage()
            .matches(
                ".*block checksum mismatch in block 0 \\(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\\)"),
        e.getMessage());
  }

  @Test
  void craftedRecordProblems() throws Exception {
    check(
        "unknown",
        Craft.sealedBlock(0, Craft.bytes(0x3F)),
        21 + 9,
        "unknown event type code 63 (tag 0x3f)");
    check(
        "flags",
        Craft.sealedBlock(0, Craft.bytes(0x81, 0)),
        21 + 9,
        "invalid flag bits in tag 0x81 of a CLOCK_MILLIS record");
    check(
        "varint",
        Craft.sealedBlock(
            0, Craft.bytes(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)),
        21 + 10,
        "malformed varint in clock delta");
    check(
        "overlong",
        Craft.sealedBlock(0, Craft.bytes(0x01, 0x81, 0x00)),
        21 + 10,
        "malformed varint in clock delta");
    check(
        "channel",
        Craft.sealedBlock(0, Craft.bytes(0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F)),
        21 + 10,
        "malformed varint in channel");
    check(
        "zero",
        Craft.sealedBlock(0, Craft.bytes(0x01, 0x02, 0x00)),
        21 + 11,
        "zero tag inside sealed block 0");
    check(
        "past",
        Craft.sealedBlock(0, Craft.bytes(0x0B, 0x01, 0x05, 'a')),
        21 + 9,
        "record runs past the end of sealed block 0");
    check(
        "utf8",
        Craft.sealedBlock(0, Craft.bytes(0x10, 0x03, 0xC3, 0x28)),
        21 + 10,
        "invalid UTF-8 in text");
    check(
        "index",
        Craft.sealedBlock(1, Craft.bytes(0x01, 0x02)),
        21,
        "block checksum mismatch in block 0");
    byte[] oversized = new byte[70];
    oversized[0] = 0x01;
    for (int i = 1; i < 70; i += 2) {
      oversized[i - 1] = 0x01;
      oversized[i] = 0x02;
    }
    check(
        "oversized",
        Craft.sealedBlock(0, oversized),
        21 + 9 + 2,
        "is larger than the block size 64 but holds more than one record");
    byte[] block = Craft.sealedBlock(0, Craft.bytes(0x01, 0x02, 0x01, 0x02));
    check(
        "truncated",
        java.util.Arrays.copyOf(block, block.length - 1),
        21,
        "truncated block 0: its header declares 4 payload bytes but only 3 are present");
    check(
        "header",
        Craft.bytes(0, 0, 0, 0),
        21,
        "truncated block header: 4 bytes left, a block header has 9");
    byte[] marker = block.clone();
    marker[8] = 0x35;
    check("marker", marker, 21 + 8, "bad block marker 0x35");
    byte[] empty = block.clone();
    empty[0] = empty[1] = empty[2] = empty[3] = 0;
    check("empty", empty, 21, "sealed block 0 has length 0");
    byte[] huge = block.clone();
    huge[0] = (byte) 0x7F;
    check(
        "huge",
        huge,
        21,
        "block 0 declares 2130706436 payload bytes, more than any block can hold");
  }

  private void check(String name, byte[] afterHeader, long offset, String message)
      throws IOException {
    Path dir = tmp.resolve(name);
    Path f = Craft.recordingWithStream(dir, afterHeader);
    RecordingFormatException e = expectRefused(dir);
    assertEquals(f, e.file(), e.getMessage());
    assertTrue(e.getMessage().contains(message), name + ": " + e.getMessage());
    assertEquals(offset, e.offset(), name + ": " + e.getMessage());
  }

  @Test
  void unsealedBlockInAFinishedRecordingIsRefused() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    w.openThread("1").clock(EventType.CLOCK_MILLIS, 1);
    w.finish(0);
    Path f = dir.resolve("threads/1.det");
    byte[] b = Files.readAllBytes(f);
    b[21 + 8] = 0; // clear the seal marker
    Files.write(f, b);
    assertTrue(
        expectRefused(dir)
            .getMessage()
            .contains("unsealed block 0 in a stream that end.bin records as sealed"));
  }

  @Test
  void streamsAndEndBinMustAgree() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    Path extra = dir.resolve("threads/3.det");
    Files.copy(dir.resolve("threads/1.det"), extra);
    assertTrue(
        expectRefused(dir).getMessage().contains("stream of thread 3 is not listed in end.bin"));
    Files.delete(extra);
    Path moved = tmp.resolve("moved.det");
    Files.move(dir.resolve("threads/1.1.det"), moved);
    assertTrue(
        expectRefused(dir).getMessage().contains("missing stream file: end.bin lists thread 1.1"));
    Files.move(moved, dir.resolve("threads/1.1.det"));
    Files.copy(dir.resolve("threads/1.det"), dir.resolve("threads/01.det"));
    assertTrue(
        expectRefused(dir)
            .getMessage()
            .contains("stream file name '01.det' is not <logical thread id>.det"));
    Files.delete(dir.resolve("threads/01.det"));
    // A stream file renamed to another thread's name is caught by the id in its header.
    Files.move(dir.resolve("threads/1.1.det"), moved);
    Files.copy(dir.resolve("threads/1.det"), dir.resolve("threads/1.1.det"));
    RecordingFormatException e = expectRefused(dir);
    assertTrue(
        e.getMessage().contains("header names thread '1' but the file belongs to thread '1.1'")
            || e.getMessage().contains("end.bin records"),
        e.getMessage());
  }

  @Test
  void trailingBytesAfterSmallFilesAreRefused() throws Exception {
    Path dir = tmp.resolve("rec");
    smallFinished(dir);
    Path end = dir.resolve("end.bin");
    Files.write(end, ByteBuffer.allocate(1).array(), java.nio.file.StandardOpenOption.APPEND);
    assertTrue(expectRefused(dir).getMessage().contains("1 unexpected bytes after the checksum"));
  }
}
