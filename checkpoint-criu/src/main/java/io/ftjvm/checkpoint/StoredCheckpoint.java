package io.ftjvm.checkpoint;

import java.nio.file.Path;
import java.util.Objects;

/** A complete checkpoint in an {@link ImageStore}: its directory, number and validated metadata. */
public record StoredCheckpoint(Path dir, long sequence, CheckpointMetadata metadata) {
  public StoredCheckpoint {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(metadata, "metadata");
  }
}
