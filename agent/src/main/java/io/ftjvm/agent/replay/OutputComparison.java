package io.ftjvm.agent.replay;

import java.nio.charset.StandardCharsets;

/** Compares what the program writes with what the recording holds, and shows the difference. */
final class OutputComparison {
  private OutputComparison() {}

  /**
   * The index of the first differing byte, or -1 when they agree. With {@code whole}, the actual
   * output must be exactly the expected bytes; otherwise it must start with them (a channel write
   * may send part of its buffer).
   */
  static int firstDifference(byte[] expected, byte[] actual, boolean whole) {
    int common = Math.min(expected.length, actual.length);
    for (int i = 0; i < common; i++) {
      if (expected[i] != actual[i]) {
        return i;
      }
    }
    if (actual.length < expected.length || (whole && actual.length != expected.length)) {
      return common;
    }
    return -1;
  }

  /** Up to 32 bytes around the given index, as text when printable, else hex. */
  static String excerpt(byte[] bytes, int at) {
    int from = Math.max(0, at - 8);
    int to = Math.min(bytes.length, from + 32);
    StringBuilder text = new StringBuilder();
    boolean printable = true;
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xff;
      if (b < 0x20 || b > 0x7e) {
        printable = false;
      }
    }
    if (printable) {
      text.append('"').append(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)).append('"');
    } else {
      for (int i = from; i < to; i++) {
        text.append(String.format("%02x", bytes[i] & 0xff));
      }
    }
    return (from > 0 ? "..." : "") + text + (to < bytes.length ? "..." : "");
  }
}
