package io.ftjvm.testapps.heap;

import io.ftjvm.testapps.common.Args;
import java.util.Set;

/**
 * Holds N MB of live heap and watches its own pauses: a ticker thread sleeps 1 ms at a time and
 * reports every gap between two ticks that is longer than a threshold. A checkpoint freezes the
 * whole process, so the longest gap around a checkpoint is the pause as the application saw it
 * (whoever froze it: CRIU from outside, or an agent gating and dumping the process from inside).
 *
 * <p>stdout:
 *
 * <pre>
 * ready heap_mb=&lt;N&gt;          once the heap is allocated and the ticker runs
 * gap_us=&lt;microseconds&gt;       for every gap longer than --report-over-ms (default 2)
 * alive_ms=&lt;currentTimeMillis&gt;  once a second
 * </pre>
 *
 * The ticker prints both, in order, so once an {@code alive_ms} later than some moment has been
 * printed, every gap that ended before that moment has been printed too (output can lag: under
 * FT-JVM's output commit a line waits until the log is on disk).
 *
 * <p>Runs until killed. Plain Java, no dependency on FT-JVM.
 */
public final class PauseProbe {
  private static final String USAGE =
      "usage: PauseProbe --mb N [--report-over-ms M]\n"
          + "  --mb N               live heap to hold, in MiB (1 MiB arrays, filled)\n"
          + "  --report-over-ms M   print every tick gap longer than M ms (default 2)";

  private static final int CHUNK = 1 << 20;

  /** Static, so the arrays stay reachable (live) for the whole run. */
  private static byte[][] heap;

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of("mb", "report-over-ms"), 0);
    int mb = args.requiredInt("mb", 1, 1 << 20);
    long thresholdNanos = args.intFlag("report-over-ms", 2, 1, 60_000) * 1_000_000L;
    heap = fill(mb);
    Thread ticker = new Thread(() -> tick(thresholdNanos), "pause-probe-ticker");
    ticker.setDaemon(false);
    ticker.start();
    System.out.println("ready heap_mb=" + mb);
    System.out.flush();
    ticker.join();
  }

  /**
   * Arrays filled with a cheap pseudo-random pattern: every page is written, and the content is not
   * all zeros, as an application's heap would not be.
   */
  private static byte[][] fill(int mb) {
    byte[][] arrays = new byte[mb][];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < mb; i++) {
      byte[] a = new byte[CHUNK];
      for (int j = 0; j < CHUNK; j += 8) {
        x ^= x << 13; // xorshift64
        x ^= x >>> 7;
        x ^= x << 17;
        for (int k = 0; k < 8; k++) {
          a[j + k] = (byte) (x >>> (8 * k));
        }
      }
      arrays[i] = a;
    }
    return arrays;
  }

  private static void tick(long thresholdNanos) {
    long last = System.nanoTime();
    long lastAlive = last;
    while (true) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long gap = now - last;
      boolean printed = false;
      if (gap > thresholdNanos) {
        System.out.println("gap_us=" + gap / 1000);
        printed = true;
      }
      if (now - lastAlive >= 1_000_000_000L) {
        System.out.println("alive_ms=" + System.currentTimeMillis());
        lastAlive = now;
        printed = true;
      }
      if (printed) {
        // Not excluded from the next gap: a pause that catches this thread while it prints (a
        // checkpoint requested right after an alive line, say) must be seen like any other.
        System.out.flush();
      }
      last = now;
    }
  }
}
