package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clock-driven service in miniature, for fault-tolerance runs: a ScheduledThreadPoolExecutor
 * queues a numbered tick every 20 ms, and the main thread takes them with a 7 ms poll timeout
 * (counting the polls that came back empty), checks that none is missing or repeated, and reports
 * every 25th. Killed and restored any number of times, its output must still be every report once,
 * in order, and no gap.
 *
 * <pre>
 * tick &lt;n&gt; empty-polls &lt;e&gt;     (n = 25, 50, ...)
 * GAP expected &lt;n&gt; got &lt;m&gt;      (never, if every tick arrived once)
 * done &lt;whether the pool terminated&gt;
 * </pre>
 */
public final class ScheduledTicker {
  private static final String USAGE =
      "usage: ScheduledTicker [ticks]   (default 300, 25..1000000: ticks before it ends)";

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int ticks = args.intPositional(0, "ticks", 300, 25, 1_000_000);
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    AtomicInteger next = new AtomicInteger();
    pool.scheduleAtFixedRate(() -> queue.add(next.incrementAndGet()), 0, 20, TimeUnit.MILLISECONDS);
    int empty = 0;
    int expected = 1;
    while (expected <= ticks) {
      Integer tick = queue.poll(7, TimeUnit.MILLISECONDS);
      if (tick == null) {
        empty++;
        continue;
      }
      if (tick != expected) {
        System.out.println("GAP expected " + expected + " got " + tick);
      }
      expected = tick + 1;
      if (tick % 25 == 0) {
        System.out.println("tick " + tick + " empty-polls " + empty);
      }
    }
    pool.shutdown();
    System.out.println("done " + pool.awaitTermination(5, TimeUnit.SECONDS));
  }
}
