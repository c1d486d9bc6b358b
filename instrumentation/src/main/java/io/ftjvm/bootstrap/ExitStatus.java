package io.ftjvm.bootstrap;

/**
 * The status the application asked to exit with ({@code System.exit(n)}); 0 when main simply
 * returned. Recorded at the end of a recording and compared at the end of a replay.
 */
public final class ExitStatus {
  private static volatile int requested;
  private static volatile boolean explicit;

  private ExitStatus() {}

  /** Called from the advice on {@code Runtime.exit(int)}; the first request wins, as in the JDK. */
  public static void exiting(int status) {
    if (!explicit) {
      requested = status;
      explicit = true;
    }
  }

  public static int status() {
    return requested;
  }

  public static boolean explicit() {
    return explicit;
  }
}
