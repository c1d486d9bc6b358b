package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.StoredCheckpoint;
import java.nio.file.Path;

/**
 * A recovery directory ready for a restore: the log as the crash left it is saved in {@code
 * dir/threads}, {@code recording/threads} is rolled back to the checkpoint's cut, and {@code
 * recovery/current} points at {@code dir}.
 *
 * @param number the recovery's number, also the incarnation of the restored process
 * @param dir {@code recovery/NNNNNN}
 * @param checkpoint the checkpoint to restore
 * @param logSource the directory the saved log was copied from
 */
public record PreparedRecovery(int number, Path dir, StoredCheckpoint checkpoint, Path logSource) {

  public Path savedThreads() {
    return dir.resolve("threads");
  }
}
