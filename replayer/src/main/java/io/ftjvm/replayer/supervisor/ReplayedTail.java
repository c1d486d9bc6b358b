package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.checkpoint.CheckpointMetadataFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a recovery had to replay: the determinants of the log the crash left ({@code
 * recovery/NNNNNN/threads}) beyond the cut of the checkpoint it restored. Read from the state
 * directory alone (docs/fault-tolerance.md, "Recovery, step by step"), so that a tool can say how
 * much was replayed without trusting the agent's own log line.
 *
 * @param recovery the recovery's number
 * @param checkpoint the sequence of the checkpoint it restored
 * @param determinants determinants in the saved log after that checkpoint's cut, over all streams
 */
public record ReplayedTail(int recovery, long checkpoint, long determinants) {

  /**
   * Reads one recovery directory. Needs its {@code context.bin}, which the restored agent copies
   * there before it replays, and the checkpoint it names (still in {@code checkpoints/}).
   *
   * @throws IOException when recovery.properties, the checkpoint's metadata or the saved log cannot
   *     be read (the message names the file)
   */
  public static ReplayedTail of(Path recoveryDir) throws IOException {
    Map<String, String> properties =
        PropertiesText.read(recoveryDir.resolve(StateDir.RECOVERY_PROPERTIES));
    String checkpointDir = properties.get("checkpoint.dir");
    if (checkpointDir == null) {
      throw new IOException(
          recoveryDir.resolve(StateDir.RECOVERY_PROPERTIES) + " does not name checkpoint.dir");
    }
    CheckpointMetadata metadata = CheckpointMetadataFile.read(Path.of(checkpointDir));
    Map<String, Long> eventsAtCut = new HashMap<>();
    for (StreamCut cut : StreamCuts.of(metadata)) {
      eventsAtCut.put(cut.threadId(), cut.events());
    }
    Recording saved = Recording.open(recoveryDir);
    long beyond = 0;
    for (String id : saved.threadIds()) {
      long events = 0;
      try (ThreadStreamReader reader = saved.stream(id)) {
        while (reader.hasNext()) {
          reader.next();
          events++;
        }
      }
      // A stream the cut does not know was started after the checkpoint: all of it is replayed.
      beyond += Math.max(0, events - eventsAtCut.getOrDefault(id, 0L));
    }
    return new ReplayedTail(number(recoveryDir), metadata.sequence(), beyond);
  }

  private static int number(Path recoveryDir) throws IOException {
    String name = recoveryDir.getFileName().toString();
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new IOException(recoveryDir + " is not a recovery directory (recovery/NNNNNN)", e);
    }
  }
}
