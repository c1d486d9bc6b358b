package io.ftjvm.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is known about one checkpoint, stored next to its images by {@link CheckpointMetadataFile}.
 *
 * @param incarnation incarnation of the process that took the checkpoint
 * @param sequence the checkpoint's number in its {@link ImageStore}
 * @param time when the dump started
 * @param imageSizeBytes size of the image files
 * @param dumpDuration how long the process was paused
 * @param engine the engine that wrote the images ({@link CheckpointEngine#name()})
 * @param cut the checkpoint's cut, free form: e.g. per-thread event indexes and per-channel
 *     ssn/rsn, as contributed by the {@link CheckpointParticipant}s; sorted by key
 */
public record CheckpointMetadata(
    long incarnation,
    long sequence,
    Instant time,
    long imageSizeBytes,
    Duration dumpDuration,
    String engine,
    Map<String, String> cut) {

  public CheckpointMetadata {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(dumpDuration, "dumpDuration");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(cut, "cut");
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation: " + incarnation);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("negative sequence: " + sequence);
    }
    if (imageSizeBytes < 0) {
      throw new IllegalArgumentException("negative image size: " + imageSizeBytes);
    }
    if (dumpDuration.isNegative()) {
      throw new IllegalArgumentException("negative dump duration: " + dumpDuration);
    }
    TreeMap<String, String> copy = new TreeMap<>();
    cut.forEach(
        (k, v) ->
            copy.put(Objects.requireNonNull(k, "cut key"), Objects.requireNonNull(v, "cut value")));
    cut = Collections.unmodifiableSortedMap(copy);
  }

  /** A cut entry parsed as a long; throws when it is missing or not a number. */
  public long cutLong(String key) {
    String v = cut.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no cut entry '" + key + "' in checkpoint " + sequence);
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cut entry '" + key + "' of checkpoint " + sequence + " is not a number: '" + v + "'", e);
    }
  }
}
