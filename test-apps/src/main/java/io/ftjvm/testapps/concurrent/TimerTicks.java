package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A {@link Timer} running a fixed-rate task and a fixed-delay task, a one-shot task that cancels
 * the fixed-delay one, while the main thread sleeps and then purges and cancels the timer. How many
 * times each task ran, and in which order, depends on the clock and on when the timer's thread got
 * to run: the timer's own clock reads, monitors and waits are ordered like the application's. Also
 * the last part of {@link PublisherAndTimer}.
 *
 * <pre>
 * timer fired &lt;n&gt;: &lt;the first 16 firings in order&gt; ... last &lt;firing&gt;
 * timer purged=&lt;cancelled tasks removed&gt; rate=&lt;count&gt; delay=&lt;count&gt;
 * </pre>
 */
public final class TimerTicks {
  private static final String USAGE = "usage: TimerTicks [millis]   (default 60, 10..10000)";

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    run(args.intPositional(0, "millis", 60, 10, 10_000));
  }

  /** Runs the timer for {@code millis} and prints what it did. */
  static void run(int millis) throws InterruptedException {
    Timer timer = new Timer("ticks");
    List<String> fired = new ArrayList<>();
    int[] counts = new int[2];
    TimerTask delayed =
        new TimerTask() {
          @Override
          public void run() {
            synchronized (fired) {
              fired.add("d" + counts[1]++);
            }
          }
        };
    timer.scheduleAtFixedRate(
        new TimerTask() {
          @Override
          public void run() {
            synchronized (fired) {
              fired.add("r" + counts[0]++);
            }
          }
        },
        0,
        2);
    timer.schedule(delayed, 1, 3);
    timer.schedule(
        new TimerTask() {
          @Override
          public void run() {
            synchronized (fired) {
              fired.add("cancel-d" + (delayed.cancel() ? "" : "-late"));
            }
          }
        },
        millis / 3);
    Thread.sleep(millis);
    int purged = timer.purge();
    timer.cancel();
    synchronized (fired) {
      System.out.println(
          "timer fired "
              + fired.size()
              + ": "
              + fired.subList(0, Math.min(16, fired.size()))
              + " ... last "
              + (fired.isEmpty() ? "-" : fired.get(fired.size() - 1)));
      System.out.println("timer purged=" + purged + " rate=" + counts[0] + " delay=" + counts[1]);
    }
  }
}
