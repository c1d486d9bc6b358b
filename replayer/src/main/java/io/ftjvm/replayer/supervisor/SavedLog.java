package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingFormatException;
import io.ftjvm.capture.recording.StreamCut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the log saved into a recovery directory back, the way the restored agent will, before
 * anything is rolled back or restored: a damaged stream is found by the supervisor with a message
 * naming the file and the offset, instead of by the restored agent halfway into its replay.
 */
final class SavedLog {

  private SavedLog() {}

  /**
   * Reads every stream of {@code recoveryDir/threads} to its end; a stream of the checkpoint's cut
   * from its cut, as the restored agent does (what lies before it may have been garbage collected).
   * Puts {@code context.bin} next to it first (the restored agent does the same; a recording is not
   * readable without it).
   *
   * @throws LogDamagedException when a stream (or context.bin) does not read back
   */
  static void verify(StateDir state, Path recoveryDir, List<StreamCut> cut)
      throws IOException, LogDamagedException {
    Map<String, StreamCut> starts = new HashMap<>();
    cut.forEach(c -> starts.put(c.threadId(), c));
    Path context = recoveryDir.resolve("context.bin");
    Path source = state.recording().resolve("context.bin");
    if (!Files.exists(context) && Files.exists(source)) {
      Files.copy(source, context, StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      Recording.open(recoveryDir).verifyFrom(starts);
    } catch (RecordingFormatException e) {
      throw new LogDamagedException(
          "the log to replay is damaged: "
              + e.getMessage()
              + ". The restored process replays each stream from the checkpoint's cut, and an"
              + " older checkpoint would replay the damaged part too, so no checkpoint can be"
              + " recovered without losing the determinants from there on;"
              + " refusing to recover. The log as the crash left it is in "
              + recoveryDir.resolve("threads"),
          e);
    }
  }
}
