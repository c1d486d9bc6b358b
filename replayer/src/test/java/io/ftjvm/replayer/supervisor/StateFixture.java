package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.checkpoint.CheckpointMetadataFile;
import io.ftjvm.checkpoint.ImageStore;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Builds hand-made state directories for tests: stream files and checkpoints with metadata. */
final class StateFixture {

  final StateDir state;

  StateFixture(Path root) {
    this.state = StateDir.of(root);
  }

  /** Writes {@code recording/threads/<id>.det} with {@code length} bytes 1, 2, 3, ... */
  Path stream(String id, int length) throws IOException {
    Files.createDirectories(state.threads());
    return Files.write(state.threads().resolve(id + ".det"), bytes(length, 0));
  }

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
    Path dir = state.checkpoints().resolve(String.format("ckpt-%010d", sequence));
    Files.createDirectories(dir);
    Files.write(dir.resolve("inventory.img"), new byte[] {1});
    Files.write(dir.resolve("pstree.img"), new byte[] {2});
    Files.write(dir.resolve("pages-1.img"), new byte[4096]);
    Map<String, String> cut = new TreeMap<>();
    for (Object[] s : streams) {
      cut.put("stream." + s[0] + ".events", s[1].toString());
      cut.put("stream." + s[0] + ".position", s[2].toString());
      cut.put("stream." + s[0] + ".size", s[3].toString());
    }
    cut.put("channel.3.rsn", "17"); // not a stream entry: must be ignored
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
