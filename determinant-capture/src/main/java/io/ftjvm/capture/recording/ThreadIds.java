package io.ftjvm.capture.recording;

import java.util.Comparator;

/**
 * Logical thread ids: dot-separated decimal components ("1", "1.2", "1.2.1"), each without leading
 * zeros so that every id has exactly one spelling (and one file name).
 */
public final class ThreadIds {
  private ThreadIds() {}

  /**
   * Logical order: component by component, numerically; a prefix sorts first. "1" &lt; "1.2" &lt;
   * "1.10" &lt; "2". Only meaningful for valid ids.
   */
  public static final Comparator<String> ORDER = ThreadIds::compare;

  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > Format.MAX_THREAD_ID_BYTES) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= id.length(); i++) {
      if (i == id.length() || id.charAt(i) == '.') {
        int len = i - start;
        if (len == 0 || (len > 1 && id.charAt(start) == '0')) {
          return false;
        }
        start = i + 1;
      } else if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * @throws IllegalArgumentException naming the rule when {@code id} is not valid
   */
  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "invalid logical thread id '"
              + id
              + "': expected dot-separated decimal numbers without leading zeros, e.g. 1.2.1 (at most "
              + Format.MAX_THREAD_ID_BYTES
              + " characters)");
    }
    return id;
  }

  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ie = end(a, i);
      int je = end(b, j);
      // Without leading zeros a longer component is the larger number.
      int c = Integer.compare(ie - i, je - j);
      if (c == 0) {
        c = a.substring(i, ie).compareTo(b.substring(j, je));
      }
      if (c != 0) {
        return c;
      }
      i = ie + 1;
      j = je + 1;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int end(String s, int from) {
    int dot = s.indexOf('.', from);
    return dot < 0 ? s.length() : dot;
  }
}
