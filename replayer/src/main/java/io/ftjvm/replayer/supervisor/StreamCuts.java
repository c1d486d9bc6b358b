package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.StreamCutEntries;
import io.ftjvm.checkpoint.CheckpointMetadata;
import java.util.List;

/**
 * Reads the streams' cut back from a checkpoint's {@code checkpoint.meta} (keys as {@link
 * StreamCut#entries()} writes them), checking every entry ({@link StreamCutEntries}).
 */
final class StreamCuts {
  private StreamCuts() {}

  /**
   * The streams of a checkpoint's cut, in logical thread order; other cut keys are ignored.
   *
   * @throws IllegalArgumentException naming the checkpoint and key when an entry is malformed,
   *     incomplete, or describes an impossible stream (position beyond size)
   */
  static List<StreamCut> of(CheckpointMetadata metadata) {
    try {
      return StreamCutEntries.parse(metadata.cut());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "checkpoint " + metadata.sequence() + ": " + e.getMessage(), e);
    }
  }
}
