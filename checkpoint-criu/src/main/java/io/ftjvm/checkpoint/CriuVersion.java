package io.ftjvm.checkpoint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and compares CRIU version strings such as {@code 4.2.1} or {@code 3.17}. */
final class CriuVersion {

  private static final Pattern VERSION_LINE =
      Pattern.compile("(?m)^Version:\\s*(\\d+(?:\\.\\d+)*)");

  private CriuVersion() {}

  /** The version in {@code criu --version} output, or null. */
  static String parse(String versionOutput) {
    Matcher m = VERSION_LINE.matcher(versionOutput);
    return m.find() ? m.group(1) : null;
  }

  /** Numeric comparison of dotted versions: {@code compare("4.10", "4.2") > 0}. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long u = i < x.length ? Long.parseLong(x[i]) : 0;
      long v = i < y.length ? Long.parseLong(y[i]) : 0;
      if (u != v) {
        return Long.compare(u, v);
      }
    }
    return 0;
  }
}
