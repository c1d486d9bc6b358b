package io.ftjvm.agent.replay;

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

  /**
   * Up to 32 bytes around the given index, as a Java-like string: printable ASCII as is, other
   * bytes as \xNN (so a length prefix and a text payload both stay readable).
   */
  static String excerpt(byte[] bytes, int at) {
    int from = Math.max(0, at - 8);
    int to = Math.min(bytes.length, from + 32);
    StringBuilder text = new StringBuilder("\"");
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    text.append('"');
    return (from > 0 ? "..." : "") + text + (to < bytes.length ? "..." : "");
  }
}
