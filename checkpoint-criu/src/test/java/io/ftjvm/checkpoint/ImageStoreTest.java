package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

  @TempDir Path tmp;

  private static Path complete(ImageStore store) throws Exception {
    Path dir = store.createCheckpointDir();
    Files.writeString(dir.resolve("pages-1.img"), "x");
    CheckpointMetadataFile.write(
        dir,
        new CheckpointMetadata(
            0, ImageStore.sequenceOf(dir), Instant.EPOCH, 1, Duration.ZERO, "test", Map.of()));
    return dir;
  }

  private static List<Long> sequences(List<StoredCheckpoint> list) {
    return list.stream().map(StoredCheckpoint::sequence).collect(Collectors.toList());
  }

  @Test
  void numbersDirectoriesInOrder() throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("store"), 3);
    Path a = store.createCheckpointDir();
    Path b = store.createCheckpointDir();
    assertEquals("ckpt-0000000001", a.getFileName().toString());
    assertEquals("ckpt-0000000002", b.getFileName().toString());
    assertEquals(2, ImageStore.sequenceOf(b));
    assertTrue(Files.isDirectory(b));
    assertThrows(IllegalArgumentException.class, () -> ImageStore.sequenceOf(tmp.resolve("other")));
  }

  @Test
  void numberingContinuesFromWhatIsOnDisk() throws Exception {
    Path root = tmp.resolve("store");
    complete(new ImageStore(root, 3));
    complete(new ImageStore(root, 3));
    // a restored process has an older store object in memory: it must not reuse a number
    ImageStore fresh = new ImageStore(root, 3);
    assertEquals(3, ImageStore.sequenceOf(fresh.createCheckpointDir()));
  }

  @Test
  void keepsTheNewestKCompleteCheckpoints() throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("store"), 2);
    for (int i = 0; i < 5; i++) {
      complete(store);
    }
    List<Path> deleted = store.prune();
    assertEquals(3, deleted.size());
    assertEquals(List.of(5L, 4L), sequences(store.checkpoints()));
    try (var files = Files.list(store.root())) {
      assertEquals(2, files.count());
    }
    assertEquals(5, store.latest().orElseThrow().sequence());
    assertEquals(List.of(), store.prune(), "pruning twice deletes nothing more");
  }

  @Test
  void incompleteCheckpointsAreNeverOfferedAndOldOnesAreRemoved() throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("store"), 2);
    Path crashedEarly = store.createCheckpointDir(); // 1: no metadata, older than a complete one
    complete(store); // 2
    Path corrupt = complete(store); // 3: metadata damaged
    Files.write(CheckpointMetadataFile.pathIn(corrupt), new byte[] {1, 2, 3});
    complete(store); // 4
    Path inProgress = store.createCheckpointDir(); // 5: being written

    assertEquals(List.of(4L, 2L), sequences(store.checkpoints()));
    assertEquals(
        4,
        store.latest().orElseThrow().sequence(),
        "the newest complete, not the newest directory");

    List<Path> deleted = store.prune();
    assertTrue(deleted.contains(crashedEarly));
    assertTrue(deleted.contains(corrupt));
    assertFalse(
        deleted.contains(inProgress),
        "a directory newer than the newest complete one may be in use");
    assertTrue(Files.isDirectory(inProgress));
    assertEquals(List.of(4L, 2L), sequences(store.checkpoints()));
  }

  @Test
  void anEmptyOrMissingStoreHasNoCheckpoints() throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("absent"), 1);
    assertTrue(store.latest().isEmpty());
    assertEquals(List.of(), store.checkpoints());
    assertEquals(List.of(), store.prune());
  }

  @Test
  void foreignEntriesAreLeftAlone() throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("store"), 1);
    complete(store);
    complete(store);
    Files.writeString(store.root().resolve("README"), "mine");
    Files.createDirectories(store.root().resolve("ckpt-x"));
    store.prune();
    assertTrue(Files.exists(store.root().resolve("README")));
    assertTrue(Files.exists(store.root().resolve("ckpt-x")));
    assertEquals(List.of(2L), sequences(store.checkpoints()));
  }

  @Test
  void mustKeepAtLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> new ImageStore(tmp, 0));
  }
}
