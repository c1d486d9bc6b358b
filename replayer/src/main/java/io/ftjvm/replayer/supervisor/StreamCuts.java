package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.ThreadIds;
import io.ftjvm.checkpoint.CheckpointMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the streams' cut back from a checkpoint's {@code checkpoint.meta} (keys as {@link
 * StreamCut#entries()} writes them), checking every entry.
 */
final class StreamCuts {
  private static final String PREFIX = StreamCut.KEY_PREFIX;

  private StreamCuts() {}

  /**
   * The streams of a checkpoint's cut, in logical thread order; other cut keys are ignored.
   *
   * @throws IllegalArgumentException naming the checkpoint and key when an entry is malformed,
   *     incomplete, or describes an impossible stream (position beyond size)
   */
  static List<StreamCut> of(CheckpointMetadata metadata) {
    Map<String, Map<String, Long>> fields = new TreeMap<>(ThreadIds.ORDER);
    for (Map.Entry<String, String> e : metadata.cut().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      int dot = key.lastIndexOf('.');
      String id = key.substring(PREFIX.length(), Math.max(dot, PREFIX.length()));
      String field = key.substring(dot + 1);
      if (dot <= PREFIX.length() || !ThreadIds.isValid(id)) {
        throw bad(metadata, key, "is not stream.<logical thread id>.<field>");
      }
      if (!field.equals(StreamCut.EVENTS)
          && !field.equals(StreamCut.POSITION)
          && !field.equals(StreamCut.SIZE)) {
        continue; // a field this supervisor does not need
      }
      long value;
      try {
        value = Long.parseLong(e.getValue());
      } catch (NumberFormatException nfe) {
        throw bad(metadata, key, "is not a number: '" + e.getValue() + "'");
      }
      if (value < 0) {
        throw bad(metadata, key, "is negative: " + value);
      }
      fields.computeIfAbsent(id, k -> new TreeMap<>()).put(field, value);
    }
    List<StreamCut> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> e : fields.entrySet()) {
      String id = e.getKey();
      Map<String, Long> f = e.getValue();
      for (String needed : List.of(StreamCut.EVENTS, StreamCut.POSITION, StreamCut.SIZE)) {
        if (!f.containsKey(needed)) {
          throw bad(metadata, StreamCut.key(id, needed), "is missing");
        }
      }
      long position = f.get(StreamCut.POSITION);
      long size = f.get(StreamCut.SIZE);
      if (position > size) {
        throw bad(
            metadata,
            StreamCut.key(id, StreamCut.POSITION),
            "("
                + position
                + ") is beyond "
                + StreamCut.key(id, StreamCut.SIZE)
                + " ("
                + size
                + ")");
      }
      out.add(new StreamCut(id, f.get(StreamCut.EVENTS), position, size));
    }
    return out;
  }

  private static IllegalArgumentException bad(CheckpointMetadata m, String key, String problem) {
    return new IllegalArgumentException(
        "checkpoint " + m.sequence() + ": cut entry '" + key + "' " + problem);
  }
}
