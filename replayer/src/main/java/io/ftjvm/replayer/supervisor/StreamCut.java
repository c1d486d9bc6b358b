package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.ThreadIds;
import io.ftjvm.checkpoint.CheckpointMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one determinant stream stood at a checkpoint: the cut keys {@code stream.<id>.events},
 * {@code stream.<id>.position} and {@code stream.<id>.size} of its {@code checkpoint.meta}.
 *
 * @param id logical thread id, the file being {@code <id>.det}
 * @param events determinants in the stream at the checkpoint
 * @param position byte offset where the next record goes
 * @param size the file's length at the checkpoint (CRIU checks it on restore)
 */
public record StreamCut(String id, long events, long position, long size) {

  static final String PREFIX = "stream.";

  public String fileName() {
    return id + ".det";
  }

  /**
   * The streams of a checkpoint's cut, in logical thread order; other cut keys are ignored.
   *
   * @throws IllegalArgumentException naming the checkpoint and key when an entry is malformed,
   *     incomplete, or describes an impossible stream (position beyond size)
   */
  public static List<StreamCut> of(CheckpointMetadata metadata) {
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
      if (!field.equals("events") && !field.equals("position") && !field.equals("size")) {
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
      for (String needed : List.of("events", "position", "size")) {
        if (!f.containsKey(needed)) {
          throw bad(metadata, PREFIX + id + "." + needed, "is missing");
        }
      }
      if (f.get("position") > f.get("size")) {
        throw bad(
            metadata,
            PREFIX + id + ".position",
            "(" + f.get("position") + ") is beyond stream." + id + ".size (" + f.get("size") + ")");
      }
      out.add(new StreamCut(id, f.get("events"), f.get("position"), f.get("size")));
    }
    return out;
  }

  private static IllegalArgumentException bad(CheckpointMetadata m, String key, String problem) {
    return new IllegalArgumentException(
        "checkpoint " + m.sequence() + ": cut entry '" + key + "' " + problem);
  }
}
