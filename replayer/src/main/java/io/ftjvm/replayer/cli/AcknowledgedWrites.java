package io.ftjvm.replayer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes the key-value server acknowledged, per key, and the check of what it holds later: a
 * key must hold its last acknowledged value at version n, n being the number of writes acknowledged
 * to it (the server bumps a key's version once per applied write). A lower version means writes
 * were lost, a higher one that some were applied twice.
 */
final class AcknowledgedWrites {
  /** One key's check. */
  record KeyCheck(String key, int acknowledged, int lost, int doubled, String holds) {
    boolean exactlyOnce() {
      return lost == 0 && doubled == 0;
    }
  }

  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private int total;

  /**
   * Notes an acknowledged write.
   *
   * @return false when the acknowledged version is not the number of writes acknowledged to the key
   *     so far (the server lost or doubled something before it answered)
   */
  boolean acknowledged(String key, String value, long version) {
    List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
    list.add(value);
    total++;
    return version == list.size();
  }

  int total() {
    return total;
  }

  List<String> keys() {
    return List.copyOf(values.keySet());
  }

  /** Checks a key against the server's answer to {@code GET key}. */
  KeyCheck check(String key, String answer) {
    List<String> acked = values.getOrDefault(key, List.of());
    int n = acked.size();
    if (answer.equals("MISSING")) {
      return new KeyCheck(key, n, n, 0, "nothing");
    }
    String[] words = answer.split(" ");
    if (words.length != 4 || !words[0].equals("VALUE")) {
      throw new IllegalStateException("unexpected answer to GET " + key + ": " + answer);
    }
    String value = words[1];
    long version = Long.parseLong(words[2]);
    String holds = value + " at version " + version;
    if (n > 0 && !value.equals(acked.get(n - 1))) {
      // Not the last acknowledged value: the writes after the one it holds are lost.
      int present = acked.lastIndexOf(value) + 1;
      return new KeyCheck(key, n, n - present, 0, holds);
    }
    int lost = (int) Math.max(0, n - version);
    int doubled = (int) Math.max(0, version - n);
    return new KeyCheck(key, n, lost, doubled, holds);
  }
}
