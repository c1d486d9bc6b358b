package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.checkpoint.CheckpointMetadataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayedTailTest {
  @TempDir Path tmp;

  /**
   * A log written like the agent writes it: thread 1 logs 5 events, a checkpoint takes the cut,
   * then thread 1 logs 3 more and thread 1.2 (started after the checkpoint) logs 4.
   */
  @Test
  void countsTheDeterminantsBeyondTheCheckpointsCutInEveryStream() throws Exception {
    Path recovery = tmp.resolve("recovery").resolve("000002");
    RecordingWriter log =
        RecordingWriter.create(recovery, RunContext.builder().mainClass("M").build());
    ThreadStreamWriter main = log.openThread("1");
    values(main, 5);
    List<StreamCut> cut = log.holdForCheckpoint();
    log.release();
    Path checkpoint = checkpoint(7, cut);
    values(main, 3);
    values(log.openThread("1.2"), 4);
    log.sealAll();
    Files.writeString(
        recovery.resolve(StateDir.RECOVERY_PROPERTIES),
        "recovery=2\ncheckpoint.sequence=7\ncheckpoint.dir=" + checkpoint + "\n");

    ReplayedTail tail = ReplayedTail.of(recovery);

    assertEquals(new ReplayedTail(2, 7, 3 + 4), tail);
  }

  @Test
  void aRecoveryThatNamesNoCheckpointIsRefused() throws Exception {
    Path recovery = Files.createDirectories(tmp.resolve("000001"));
    Files.writeString(recovery.resolve(StateDir.RECOVERY_PROPERTIES), "recovery=1\n");

    IOException e = assertThrows(IOException.class, () -> ReplayedTail.of(recovery));

    assertTrue(e.getMessage().contains("checkpoint.dir"), e.getMessage());
  }

  private static void values(ThreadStreamWriter stream, int n) {
    for (int i = 0; i < n; i++) {
      stream.value(EventType.RANDOM_SEED, 1000 + i);
    }
  }

  private Path checkpoint(long sequence, List<StreamCut> cut) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(String.format("ckpt-%010d", sequence)));
    Map<String, String> entries = new TreeMap<>();
    for (StreamCut c : cut) {
      c.entries().forEach((k, v) -> entries.put(k, Long.toString(v)));
    }
    CheckpointMetadataFile.write(
        dir,
        new CheckpointMetadata(
            0, sequence, Instant.EPOCH, 1, Duration.ofMillis(1), "criu", entries));
    return dir;
  }
}
