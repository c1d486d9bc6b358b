package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedCheckpointEngineTest {

  @TempDir Path tmp;

  @Test
  void writesAnImageAndReportsTheOriginalProcess() throws Exception {
    SimulatedCheckpointEngine engine = new SimulatedCheckpointEngine(1000);
    CheckpointResult r = engine.checkpoint(tmp.resolve("a"));
    assertEquals(CheckpointResult.Outcome.ORIGINAL, r.outcome());
    assertTrue(r.isOriginal());
    assertFalse(r.isRestored());
    assertEquals(1000, r.imageSizeBytes());
    assertEquals(1000, Files.size(tmp.resolve("a").resolve(SimulatedCheckpointEngine.IMAGE_FILE)));
    assertFalse(r.dumpDuration().isNegative());
    assertEquals(tmp.resolve("a"), r.imageDir());
    assertEquals(1, engine.checkpointCount());
    assertEquals(tmp.resolve("a"), engine.lastImageDir());
    assertEquals("simulated", engine.name());
  }

  @Test
  void canPretendTheNextCheckpointReturnsInARestoredProcess() throws Exception {
    SimulatedCheckpointEngine engine = new SimulatedCheckpointEngine().restoreOnNextCheckpoint();
    CheckpointResult restored = engine.checkpoint(tmp.resolve("a"));
    assertTrue(restored.isRestored());
    assertEquals(java.time.Duration.ZERO, restored.dumpDuration());
    assertEquals(4096, restored.imageSizeBytes());
    assertTrue(
        engine.checkpoint(tmp.resolve("b")).isOriginal(), "only the next checkpoint is 'restored'");
    assertEquals(2, engine.checkpointCount());
  }

  @Test
  void canFailTheNextCheckpoint() throws Exception {
    SimulatedCheckpointEngine engine =
        new SimulatedCheckpointEngine().failNextCheckpoint("disk on fire");
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> engine.checkpoint(tmp.resolve("a")));
    assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("a")));
    assertEquals(0, engine.checkpointCount());
    assertTrue(engine.checkpoint(tmp.resolve("a")).isOriginal());
  }

  @Test
  void resultRefusesNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CheckpointResult(
                CheckpointResult.Outcome.ORIGINAL, tmp, java.time.Duration.ofMillis(-1), 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CheckpointResult(
                CheckpointResult.Outcome.ORIGINAL, tmp, java.time.Duration.ZERO, -1));
    assertThrows(IllegalArgumentException.class, () -> new SimulatedCheckpointEngine(-1));
  }
}
