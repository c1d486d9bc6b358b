package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInventoryTest {

  @TempDir Path dir;

  private CheckpointMetadata metadata(Map<String, String> cut) {
    return new CheckpointMetadata(
        0, 1, Instant.parse("2026-11-21T10:00:00Z"), 1, Duration.ZERO, "criu", cut);
  }

  @Test
  void listsImagesButNotLogsMetadataOrStatistics() throws Exception {
    Files.write(dir.resolve("pages-1.img"), new byte[8192]);
    Files.write(dir.resolve("inventory.img"), new byte[88]);
    Files.write(dir.resolve("dump.log"), new byte[5]);
    Files.write(dir.resolve("stats-dump"), new byte[5]);
    Files.write(dir.resolve("checkpoint.meta.tmp"), new byte[5]);

    assertEquals(
        Map.of("image.inventory.img.bytes", "88", "image.pages-1.img.bytes", "8192"),
        ImageInventory.entries(dir));
  }

  @Test
  void aTruncatedAMissingAndAGrownImageAreNamed() throws Exception {
    Files.write(dir.resolve("pages-1.img"), new byte[8192]);
    Files.write(dir.resolve("inventory.img"), new byte[88]);
    CheckpointMetadata m = metadata(new TreeMap<>(ImageInventory.entries(dir)));
    // Files a restore adds do not count.
    Files.write(dir.resolve("restore-3.log"), new byte[5]);
    Files.write(dir.resolve("stats-restore"), new byte[5]);
    assertEquals(Optional.empty(), ImageInventory.check(dir, m));

    Files.write(dir.resolve("pages-1.img"), new byte[4096]);
    assertEquals(
        Optional.of(
            dir.resolve("pages-1.img")
                + " is 4096 bytes long, but the dump wrote 8192 (truncated)"),
        ImageInventory.check(dir, m));

    Files.write(dir.resolve("pages-1.img"), new byte[8193]);
    assertTrue(ImageInventory.check(dir, m).get().endsWith("(appended to)"));

    Files.delete(dir.resolve("pages-1.img"));
    assertEquals(
        Optional.of(dir.resolve("pages-1.img") + " is missing (the dump wrote 8192 bytes)"),
        ImageInventory.check(dir, m));
  }

  @Test
  void metadataWithoutAnInventoryChecksNothing() throws Exception {
    assertEquals(
        Optional.empty(), ImageInventory.check(dir, metadata(Map.of("stream.1.size", "3"))));
  }

  @Test
  void anEntryCannotPointOutsideTheDirectory() throws Exception {
    CheckpointMetadata m = metadata(Map.of("image.../x.img.bytes", "3"));
    assertTrue(ImageInventory.check(dir, m).get().contains("outside"));
  }
}
