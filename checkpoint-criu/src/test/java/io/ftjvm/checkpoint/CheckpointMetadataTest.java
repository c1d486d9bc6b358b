package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointMetadataTest {

  @TempDir Path dir;
  Path file;

  private static CheckpointMetadata sample() {
    Map<String, String> cut = new LinkedHashMap<>();
    cut.put("thread.1", "1234");
    cut.put("thread.1.2", "77");
    cut.put("channel.3.ssn", "55");
    cut.put("note", "grüße ✓");
    return new CheckpointMetadata(
        3,
        42,
        Instant.parse("2026-11-21T04:10:00.123456789Z"),
        26_799_061,
        Duration.ofNanos(136_517_664),
        "criu",
        cut);
  }

  @BeforeEach
  void setUp() {
    file = CheckpointMetadataFile.pathIn(dir);
  }

  @Test
  void roundTrips() throws Exception {
    CheckpointMetadata m = sample();
    CheckpointMetadataFile.write(dir, m);
    CheckpointMetadata back = CheckpointMetadataFile.read(dir);
    assertEquals(m, back);
    assertEquals(1234, back.cutLong("thread.1"));
    assertEquals(
        "[channel.3.ssn, note, thread.1, thread.1.2]",
        back.cut().keySet().toString(),
        "sorted by key");
    assertFalse(
        Files.exists(dir.resolve(CheckpointMetadataFile.FILE_NAME + ".tmp")),
        "no temporary file left");
  }

  @Test
  void roundTripsAnEmptyCut() throws Exception {
    CheckpointMetadata m =
        new CheckpointMetadata(0, 1, Instant.EPOCH, 0, Duration.ZERO, "simulated", Map.of());
    CheckpointMetadataFile.write(dir, m);
    assertEquals(m, CheckpointMetadataFile.read(dir));
  }

  @Test
  void everyTruncationIsRefusedNamingFileAndOffset() throws Exception {
    CheckpointMetadataFile.write(dir, sample());
    byte[] whole = Files.readAllBytes(file);
    for (int len = 0; len < whole.length; len++) {
      Files.write(file, Arrays.copyOf(whole, len));
      MetadataFormatException e =
          assertThrows(
              MetadataFormatException.class,
              () -> CheckpointMetadataFile.read(dir),
              "truncated to " + len + " bytes");
      assertEquals(file, e.file());
      assertEquals(len, e.offset(), "a truncated file is reported at its end: " + e.getMessage());
      assertTrue(
          e.getMessage().startsWith(file + " at offset " + len + ": truncated"), e.getMessage());
    }
  }

  @Test
  void everySingleByteCorruptionIsRefused() throws Exception {
    CheckpointMetadataFile.write(dir, sample());
    byte[] whole = Files.readAllBytes(file);
    for (int i = 0; i < whole.length; i++) {
      for (int flip : new int[] {0x01, 0x80, 0xFF}) {
        byte[] bad = whole.clone();
        bad[i] ^= (byte) flip;
        Files.write(file, bad);
        MetadataFormatException e =
            assertThrows(
                MetadataFormatException.class,
                () -> CheckpointMetadataFile.read(dir),
                "byte " + i + " xor " + flip);
        assertEquals(file, e.file());
        assertTrue(e.offset() >= 0 && e.offset() <= whole.length + 1L, e.getMessage());
        assertTrue(
            e.getMessage().startsWith(file + " at offset " + e.offset() + ": "), e.getMessage());
      }
    }
  }

  @Test
  void aCorruptPayloadIsReportedAsAChecksumMismatchAtTheChecksum() throws Exception {
    CheckpointMetadataFile.write(dir, sample());
    byte[] bad = Files.readAllBytes(file);
    bad[20] ^= 0x10;
    Files.write(file, bad);
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(bad.length - 4, e.offset());
    assertTrue(e.getMessage().contains("checksum mismatch (stored 0x"), e.getMessage());
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    CheckpointMetadataFile.write(dir, sample());
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length + 3));
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(whole.length, e.offset());
    assertTrue(e.getMessage().contains("3 unexpected bytes after the checksum"), e.getMessage());
  }

  @Test
  void aFileOfAnotherKindIsRefusedByItsMagic() throws Exception {
    Files.writeString(file, "this is not a checkpoint");
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
  }

  @Test
  void aNewerFormatVersionIsRefused() throws Exception {
    byte[] payload = MetadataFiles.payloadOf(CheckpointMetadataFile.encode(sample()));
    Files.write(file, MetadataFiles.withChecksum(CheckpointMetadataFile.MAGIC, 2, payload));
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(4, e.offset());
    assertTrue(
        e.getMessage().contains("unsupported format version 2 (this build reads version 1)"),
        e.getMessage());
  }

  @Test
  void invalidFieldsWithAValidChecksumAreRefusedAtTheirOffset() throws Exception {
    byte[] payload = MetadataFiles.payloadOf(CheckpointMetadataFile.encode(sample()));
    // image size is the 5th field: after incarnation, sequence, epoch second (8 each) and nanos (4)
    byte[] negativeSize = payload.clone();
    ByteBuffer.wrap(negativeSize).putLong(28, -5);
    Files.write(file, MetadataFiles.withChecksum(CheckpointMetadataFile.MAGIC, 1, negativeSize));
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(CheckpointMetadataFile.HEADER + 28, e.offset());
    assertTrue(e.getMessage().contains("image size is negative: -5"), e.getMessage());

    // a cut map that claims more entries than the payload holds
    CheckpointMetadata one =
        new CheckpointMetadata(0, 1, Instant.EPOCH, 0, Duration.ZERO, "x", Map.of("k", "v"));
    byte[] p = MetadataFiles.payloadOf(CheckpointMetadataFile.encode(one));
    int countAt = 8 + 8 + 8 + 4 + 8 + 8 + 2 + 1;
    ByteBuffer.wrap(p).putInt(countAt, 2);
    Files.write(file, MetadataFiles.withChecksum(CheckpointMetadataFile.MAGIC, 1, p));
    e = assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(CheckpointMetadataFile.HEADER + p.length, e.offset());
    assertTrue(
        e.getMessage().contains("length of key of cut entry 1 needs 2 bytes"), e.getMessage());

    // a key that is not UTF-8
    byte[] q = MetadataFiles.payloadOf(CheckpointMetadataFile.encode(one));
    int keyAt = countAt + 4 + 2;
    q[keyAt] = (byte) 0xC3; // a lead byte without its continuation
    Files.write(file, MetadataFiles.withChecksum(CheckpointMetadataFile.MAGIC, 1, q));
    e = assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(CheckpointMetadataFile.HEADER + keyAt, e.offset());
    assertTrue(e.getMessage().contains("key of cut entry 0 is not valid UTF-8"), e.getMessage());
  }

  @Test
  void duplicateCutKeysAreRefused() throws Exception {
    CheckpointMetadata two =
        new CheckpointMetadata(
            0, 1, Instant.EPOCH, 0, Duration.ZERO, "x", Map.of("a", "1", "b", "2"));
    byte[] p = MetadataFiles.payloadOf(CheckpointMetadataFile.encode(two));
    int secondKey = 8 + 8 + 8 + 4 + 8 + 8 + 2 + 1 + 4 + (2 + 1 + 4 + 1) + 2;
    assertEquals('b', p[secondKey]);
    p[secondKey] = 'a';
    Files.write(file, MetadataFiles.withChecksum(CheckpointMetadataFile.MAGIC, 1, p));
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CheckpointMetadataFile.read(dir));
    assertEquals(CheckpointMetadataFile.HEADER + secondKey - 2, e.offset());
    assertTrue(e.getMessage().contains("duplicate cut key 'a'"), e.getMessage());
  }

  @Test
  void aMissingFileSaysTheCheckpointIsIncomplete() {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> CheckpointMetadataFile.read(dir));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("incomplete checkpoint"), e.getMessage());
  }

  @Test
  void metadataRefusesNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CheckpointMetadata(-1, 1, Instant.EPOCH, 0, Duration.ZERO, "x", Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CheckpointMetadata(0, 1, Instant.EPOCH, -1, Duration.ZERO, "x", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> sample().cutLong("note"));
    assertThrows(IllegalArgumentException.class, () -> sample().cutLong("absent"));
  }
}
