package io.ftjvm.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One checkpoint as seen by the {@link CheckpointParticipant}s: where it goes, which incarnation
 * takes it, and the cut they record for it (stored in its {@link CheckpointMetadata}).
 */
public final class CheckpointContext {

  private final Path imageDir;
  private final long sequence;
  private final long incarnation;
  private final TreeMap<String, String> cut = new TreeMap<>();

  public CheckpointContext(Path imageDir, long sequence, long incarnation) {
    this.imageDir = Objects.requireNonNull(imageDir, "imageDir");
    this.sequence = sequence;
    this.incarnation = incarnation;
  }

  public Path imageDir() {
    return imageDir;
  }

  public long sequence() {
    return sequence;
  }

  /** Incarnation of the process that takes the checkpoint. */
  public long incarnation() {
    return incarnation;
  }

  /** Adds an entry to the checkpoint's cut (e.g. {@code thread.1.2 -> 1234}); keys are unique. */
  public synchronized CheckpointContext recordCut(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    String old = cut.putIfAbsent(key, value);
    if (old != null && !old.equals(value)) {
      throw new IllegalStateException(
          "cut entry '" + key + "' recorded twice: '" + old + "' and '" + value + "'");
    }
    return this;
  }

  public CheckpointContext recordCut(String key, long value) {
    return recordCut(key, Long.toString(value));
  }

  /** The cut recorded so far, sorted by key. */
  public synchronized Map<String, String> cut() {
    return Collections.unmodifiableMap(new TreeMap<>(cut));
  }
}
