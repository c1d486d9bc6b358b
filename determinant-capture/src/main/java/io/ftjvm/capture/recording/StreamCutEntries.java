package io.ftjvm.capture.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads cuts back from metadata entries as {@link StreamCut#entries()} wrote them, checking every
 * entry. Shared by the supervisor (rollback, reading the saved log) and the agent's log collector.
 */
public final class StreamCutEntries {
  private StreamCutEntries() {}

  /**
   * The streams of a cut, in logical thread order; keys not starting with {@code stream.} and
   * fields this reader does not know are ignored. The decoder state is all or nothing: a cut with
   * none of its keys has none (an older agent's cut), one with only some is malformed.
   *
   * @throws IllegalArgumentException naming the key when an entry is malformed, incomplete, or
   *     describes an impossible stream (position beyond size, last block not before the position)
   */
  public static List<StreamCut> parse(Map<String, String> entries) {
    Map<String, Map<String, Long>> fields = new TreeMap<>(ThreadIds.ORDER);
    List<String> known = new ArrayList<>(List.of(StreamCut.EVENTS, StreamCut.POSITION));
    known.add(StreamCut.SIZE);
    known.add(StreamCut.BLOCKS);
    known.add(StreamCut.LAST_BLOCK);
    known.addAll(List.of(StreamCut.CLOCKS));
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(StreamCut.KEY_PREFIX)) {
        continue;
      }
      int prefix = StreamCut.KEY_PREFIX.length();
      int dot = key.lastIndexOf('.');
      String id = key.substring(prefix, Math.max(dot, prefix));
      String field = key.substring(dot + 1);
      if (dot <= prefix || !ThreadIds.isValid(id)) {
        throw bad(key, "is not stream.<logical thread id>.<field>");
      }
      if (!known.contains(field)) {
        continue; // a field this reader does not need
      }
      long value;
      try {
        value = Long.parseLong(e.getValue());
      } catch (NumberFormatException nfe) {
        throw bad(key, "is not a number: '" + e.getValue() + "'");
      }
      if (value < 0 && !List.of(StreamCut.CLOCKS).contains(field)) {
        throw bad(key, "is negative: " + value); // clock bases are any long
      }
      fields.computeIfAbsent(id, k -> new TreeMap<>()).put(field, value);
    }
    List<StreamCut> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> e : fields.entrySet()) {
      out.add(cut(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static StreamCut cut(String id, Map<String, Long> f) {
    for (String needed : List.of(StreamCut.EVENTS, StreamCut.POSITION, StreamCut.SIZE)) {
      if (!f.containsKey(needed)) {
        throw bad(StreamCut.key(id, needed), "is missing");
      }
    }
    long position = f.get(StreamCut.POSITION);
    long size = f.get(StreamCut.SIZE);
    if (position > size) {
      throw bad(
          StreamCut.key(id, StreamCut.POSITION),
          "(" + position + ") is beyond " + StreamCut.key(id, StreamCut.SIZE) + " (" + size + ")");
    }
    List<String> state = new ArrayList<>(List.of(StreamCut.BLOCKS, StreamCut.LAST_BLOCK));
    state.addAll(List.of(StreamCut.CLOCKS));
    long present = state.stream().filter(f::containsKey).count();
    StreamCut.DecoderState decoder = null;
    if (present == state.size()) {
      long lastBlock = f.get(StreamCut.LAST_BLOCK);
      boolean noBlock = f.get(StreamCut.BLOCKS) == 0;
      if (noBlock ? lastBlock != position : lastBlock >= position) {
        throw bad(
            StreamCut.key(id, StreamCut.LAST_BLOCK),
            "("
                + lastBlock
                + ") does not fit "
                + StreamCut.key(id, StreamCut.POSITION)
                + " ("
                + position
                + ") and "
                + StreamCut.key(id, StreamCut.BLOCKS));
      }
      decoder =
          new StreamCut.DecoderState(
              f.get(StreamCut.BLOCKS),
              lastBlock,
              f.get(StreamCut.CLOCKS[0]),
              f.get(StreamCut.CLOCKS[1]),
              f.get(StreamCut.CLOCKS[2]));
    } else if (present > 0) {
      String missing = state.stream().filter(k -> !f.containsKey(k)).findFirst().orElseThrow();
      throw bad(StreamCut.key(id, missing), "is missing (the cut has part of a decoder state)");
    }
    return new StreamCut(id, f.get(StreamCut.EVENTS), position, size, decoder);
  }

  private static IllegalArgumentException bad(String key, String problem) {
    return new IllegalArgumentException("cut entry '" + key + "' " + problem);
  }
}
