package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCoordinatorTest {

  @TempDir Path tmp;

  private final List<String> journal = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);

  private CheckpointCoordinator coordinator(
      SimulatedCheckpointEngine engine,
      ImageStore store,
      ParticipantRegistryTest.Recorder... participants) {
    ParticipantRegistry reg = new ParticipantRegistry();
    for (var p : participants) {
      reg.register(p);
    }
    return new CheckpointCoordinator(engine, store, reg, 5, clock);
  }

  @Test
  void aCompleteCheckpointHasMetadataWithTheCut() throws Exception {
    ImageStore store = new ImageStore(tmp, 2);
    CheckpointCoordinator c =
        coordinator(
            new SimulatedCheckpointEngine(100),
            store,
            new ParticipantRegistryTest.Recorder("a", journal),
            new ParticipantRegistryTest.Recorder("b", journal));
    CheckpointResult r = c.checkpoint();
    assertTrue(r.isOriginal());
    StoredCheckpoint latest = store.latest().orElseThrow();
    assertEquals(r.imageDir(), latest.dir());
    CheckpointMetadata m = latest.metadata();
    assertEquals(5, m.incarnation());
    assertEquals(1, m.sequence());
    assertEquals(clock.instant(), m.time());
    assertEquals(100, m.imageSizeBytes());
    assertEquals(r.dumpDuration(), m.dumpDuration());
    assertEquals("simulated", m.engine());
    assertEquals(1, m.cutLong("thread.a"));
    assertEquals(2, m.cutLong("thread.b"));
    // The images' sizes go with the cut, so that a truncated image is refused before a restore.
    assertEquals(100, m.cutLong("image.simulated.img.bytes"));
    assertEquals(List.of("before a", "before b", "after b", "after a"), journal);
  }

  @Test
  void theApplicationResumesBeforeTheMetadataIsWrittenAndOldImagesAreDeleted() throws Exception {
    ImageStore store = new ImageStore(tmp, 1);
    List<String> seen = new ArrayList<>();
    ParticipantRegistry reg = new ParticipantRegistry();
    reg.register(
        new CheckpointParticipant() {
          @Override
          public void beforeCheckpoint(CheckpointContext context) {}

          @Override
          public void afterRestore(CheckpointContext context) {}

          @Override
          public void afterCheckpoint(CheckpointContext context, boolean completed) {
            seen.add(
                "meta="
                    + Files.exists(context.imageDir().resolve(CheckpointMetadataFile.FILE_NAME))
                    + " dirs="
                    + dirs());
          }
        });
    CheckpointCoordinator c =
        new CheckpointCoordinator(new SimulatedCheckpointEngine(10), store, reg, 0);
    c.checkpoint();
    c.checkpoint();
    // The pause ends with the dump: the metadata and the pruning of checkpoint 1 come after.
    assertEquals(List.of("meta=false dirs=1", "meta=false dirs=2"), seen);
    assertEquals(1, store.checkpoints().size());
    assertEquals(2, store.latest().orElseThrow().sequence());
  }

  private long dirs() {
    try (var list = Files.list(tmp)) {
      return list.filter(Files::isDirectory).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void keepsOnlyTheNewestCheckpoints() throws Exception {
    ImageStore store = new ImageStore(tmp, 2);
    CheckpointCoordinator c = coordinator(new SimulatedCheckpointEngine(10), store);
    for (int i = 0; i < 5; i++) {
      c.checkpoint();
    }
    assertEquals(2, store.checkpoints().size());
    assertEquals(5, store.latest().orElseThrow().sequence());
  }

  @Test
  void aRestoredProcessCallsAfterRestoreAndBumpsTheIncarnation() throws Exception {
    SimulatedCheckpointEngine engine = new SimulatedCheckpointEngine(10);
    CheckpointCoordinator c =
        coordinator(
            engine,
            new ImageStore(tmp, 2),
            new ParticipantRegistryTest.Recorder("a", journal),
            new ParticipantRegistryTest.Recorder("b", journal));
    engine.restoreOnNextCheckpoint();
    CheckpointResult r = c.checkpoint();
    assertTrue(r.isRestored());
    assertEquals(6, c.incarnation());
    assertEquals(List.of("before a", "before b", "restore b", "restore a"), journal);
  }

  @Test
  void aFailedDumpLeavesNoCheckpointAndResumesTheParticipants() throws Exception {
    SimulatedCheckpointEngine engine =
        new SimulatedCheckpointEngine(10).failNextCheckpoint("no space");
    ImageStore store = new ImageStore(tmp, 2);
    CheckpointCoordinator c =
        coordinator(engine, store, new ParticipantRegistryTest.Recorder("a", journal));
    CheckpointException e = assertThrows(CheckpointException.class, c::checkpoint);
    assertTrue(e.getMessage().contains("no space"), e.getMessage());
    assertEquals(List.of("before a", "after a (aborted)"), journal);
    assertTrue(store.latest().isEmpty());
    try (var files = Files.list(tmp)) {
      assertEquals(0, files.count(), "the failed checkpoint's directory is removed");
    }
    assertTrue(c.checkpoint().isOriginal(), "the next checkpoint works");
    assertEquals(
        1, store.latest().orElseThrow().sequence(), "the failed attempt's number was never used");
  }

  @Test
  void aRefusingParticipantPreventsTheDump() throws Exception {
    SimulatedCheckpointEngine engine = new SimulatedCheckpointEngine(10);
    ParticipantRegistryTest.Recorder b = new ParticipantRegistryTest.Recorder("b", journal);
    b.failBefore = true;
    CheckpointCoordinator c =
        coordinator(
            engine, new ImageStore(tmp, 2), new ParticipantRegistryTest.Recorder("a", journal), b);
    assertThrows(CheckpointException.class, c::checkpoint);
    assertEquals(0, engine.checkpointCount());
    assertEquals(List.of("before a", "before b", "after a (aborted)"), journal);
    try (var files = Files.list(tmp)) {
      assertFalse(files.findAny().isPresent());
    }
  }
}
