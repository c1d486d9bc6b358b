package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.checkpoint.CheckpointMetadataFile;
import io.ftjvm.checkpoint.ImageInventory;
import io.ftjvm.checkpoint.ImageStore;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/** Builds hand-made state directories for tests: stream files and checkpoints with metadata. */
final class StateFixture {

  final StateDir state;

  StateFixture(Path root) {
    this.state = StateDir.of(root);
  }

  /**
   * Writes {@code recording/threads/<id>.det} as a crashed writer leaves it, {@code length} bytes
   * long (at least {@link #streamStart}): a valid stream header, an unsealed block, clock records
   * of two bytes each, zeros after them. Also writes context.bin the first time.
   */
  Path stream(String id, int length) throws IOException {
    return stream(id, length, 0);
  }

  /** As {@link #stream(String, int)}, with records that differ by {@code seed}. */
  Path stream(String id, int length, int seed) throws IOException {
    recording();
    return Files.write(state.threads().resolve(id + ".det"), streamBytes(id, length, seed));
  }

  /** The recording directory with its context.bin (what the agent writes at start). */
  void recording() throws IOException {
    if (!Files.exists(state.recording().resolve("context.bin"))) {
      RecordingWriter.create(state.recording(), RunContext.builder().fromCurrentJvm().build());
    }
  }

  /** Offset of the first block of stream {@code id}: after the file header. */
  static int streamStart(String id) {
    return 16 + 4 + id.length();
  }

  /**
   * The bytes of a valid stream file of thread {@code id}: file header (format in
   * docs/recording-format.md, section 3, version 2), one unsealed block of CLOCK_MILLIS records
   * (tag 01, a one-byte zigzag delta), zeros up to {@code length}.
   */
  static byte[] streamBytes(String id, int length, int seed) {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    int bodyLength = 4 + idBytes.length;
    ByteBuffer b = ByteBuffer.allocate(Math.max(length, 16 + bodyLength + 9));
    b.putInt(0x46544A52).putShort((short) 2).put((byte) 3).put((byte) 0).putInt(bodyLength);
    b.putInt(65536).put(idBytes);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 12 + bodyLength);
    b.putInt((int) crc.getValue());
    b.put(new byte[9]); // unsealed block: length, CRC and marker all zero
    while (b.position() + 2 < length) { // keep a zero tag after the last record
      b.put((byte) 1).put((byte) (2 * (1 + (b.position() + seed) % 50)));
    }
    return Arrays.copyOf(b.array(), length);
  }

  /** Kept for tests that need arbitrary bytes (not a stream). */
  static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i + 1 + seed);
    }
    return b;
  }

  /** A complete checkpoint whose cut holds, per stream, {id, events, position, size}. */
  StoredCheckpoint checkpoint(long sequence, long incarnation, Object[]... streams)
      throws IOException {
    Map<String, String> cut = new TreeMap<>();
    for (Object[] s : streams) {
      cut.put("stream." + s[0] + ".events", s[1].toString());
      cut.put("stream." + s[0] + ".position", s[2].toString());
      cut.put("stream." + s[0] + ".size", s[3].toString());
    }
    return checkpoint(sequence, incarnation, cut);
  }

  /** A complete checkpoint with these cut entries (as StreamCut.entries() writes them). */
  StoredCheckpoint checkpoint(long sequence, long incarnation, Map<String, String> entries)
      throws IOException {
    Path dir = state.checkpoints().resolve(String.format("ckpt-%010d", sequence));
    Files.createDirectories(dir);
    Files.write(dir.resolve("inventory.img"), new byte[] {1});
    Files.write(dir.resolve("pstree.img"), new byte[] {2});
    Files.write(dir.resolve("pages-1.img"), new byte[4096]);
    Map<String, String> cut = new TreeMap<>(entries);
    cut.put("channel.3.rsn", "17"); // not a stream entry: must be ignored
    cut.putAll(ImageInventory.entries(dir)); // as the checkpoint coordinator does
    CheckpointMetadata m =
        new CheckpointMetadata(
            incarnation,
            sequence,
            Instant.parse("2026-11-21T10:00:00Z").plusSeconds(sequence),
            4098,
            Duration.ofMillis(90 + sequence),
            "criu",
            cut);
    CheckpointMetadataFile.write(dir, m);
    return new StoredCheckpoint(dir, ImageStore.sequenceOf(dir), m);
  }

  static Object[] s(String id, long events, long position, long size) {
    return new Object[] {id, events, position, size};
  }
}
