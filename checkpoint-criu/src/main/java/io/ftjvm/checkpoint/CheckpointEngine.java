package io.ftjvm.checkpoint;

import java.nio.file.Path;

/**
 * Takes a checkpoint of the running JVM into a directory.
 *
 * <p>{@link #checkpoint(Path)} returns twice in the life of a checkpoint: once in the process that
 * took it ({@link CheckpointResult.Outcome#ORIGINAL}, which keeps running) and once more in every
 * process later restored from it ({@link CheckpointResult.Outcome#RESTORED}). Implementations are
 * thread-safe; concurrent calls are serialised.
 */
public interface CheckpointEngine {

  /**
   * Dumps this process into {@code imageDir} (created if missing; it should be empty).
   *
   * @throws CheckpointException when no checkpoint was taken; the process keeps running
   */
  CheckpointResult checkpoint(Path imageDir) throws CheckpointException;

  /** Short name recorded in checkpoint metadata, e.g. {@code criu} or {@code simulated}. */
  String name();
}
