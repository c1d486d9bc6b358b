package io.ftjvm.bootstrap;

/**
 * What the JVM reports about itself and its processes, read by application code: process ids (a
 * server that logs its pid at start, as Spring Boot does), uptime and start time, free and total
 * memory, CPU times and loads, allocated bytes, the machine's memory and load average; and what its
 * thread pools report (busy workers, finished, queued and stolen tasks), which their workers update
 * unordered. None of it is the same from run to run. A rewritten call site makes the original call
 * and hands its answer here: recorded as a value, and in replay the recorded one is answered.
 */
public final class JvmReports {
  private JvmReports() {}

  /** After a call that reported a number. */
  public static long number(long actual) {
    return CapturedReads.number(EventKind.JVM_VALUE, actual, "JVM report");
  }

  /** After a call that reported an int (a thread pool's busy workers, say). */
  public static int count(int actual) {
    return (int) number(actual);
  }

  /** After a call that reported a yes or no ({@code ForkJoinPool.isQuiescent()}). */
  public static boolean flag(boolean actual) {
    return number(actual ? 1 : 0) != 0;
  }

  /**
   * After a call that reported a real number (the machine's load average, a CPU load), logged as
   * the bits of the double, so the replay answers exactly what was read, NaN and -1.0 included.
   */
  public static double real(double actual) {
    return Double.longBitsToDouble(
        CapturedReads.number(EventKind.JVM_REAL, Double.doubleToRawLongBits(actual), "JVM report"));
  }

  /** After a call that reported text ({@code RuntimeMXBean.getName()}). */
  public static String text(String actual) {
    return CapturedReads.text(EventKind.JVM_TEXT, actual, "JVM report");
  }
}
