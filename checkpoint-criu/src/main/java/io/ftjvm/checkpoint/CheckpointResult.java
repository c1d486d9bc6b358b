package io.ftjvm.checkpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link CheckpointEngine#checkpoint(Path)} reports.
 *
 * @param outcome whether this is the process that took the checkpoint or one restored from it
 * @param imageDir the checkpoint's image directory
 * @param dumpDuration how long the process was paused for the dump, measured by the original
 *     process; {@link Duration#ZERO} in a restored process, which cannot measure it (the
 *     checkpoint's {@link CheckpointMetadata} holds the original value)
 * @param imageSizeBytes total size of the image files in {@code imageDir} (logs excluded)
 */
public record CheckpointResult(
    Outcome outcome, Path imageDir, Duration dumpDuration, long imageSizeBytes) {

  /** Which side of a checkpoint the caller is on. */
  public enum Outcome {
    /** The process that took the checkpoint; it keeps running. */
    ORIGINAL,
    /** A process restored from the checkpoint. */
    RESTORED
  }

  public CheckpointResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(imageDir, "imageDir");
    Objects.requireNonNull(dumpDuration, "dumpDuration");
    if (dumpDuration.isNegative()) {
      throw new IllegalArgumentException("negative dump duration: " + dumpDuration);
    }
    if (imageSizeBytes < 0) {
      throw new IllegalArgumentException("negative image size: " + imageSizeBytes);
    }
  }

  public boolean isRestored() {
    return outcome == Outcome.RESTORED;
  }

  public boolean isOriginal() {
    return outcome == Outcome.ORIGINAL;
  }
}
