package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Work stealing: a {@link ForkJoinPool} of 3 workers splits 0..leaves*8-1 into leaves of 8 numbers
 * with a {@link RecursiveAction}; each leaf takes a ticket from an {@link AtomicLong} and notes
 * which worker ran it. Which worker runs which leaf, and so the transcript, depends on how the
 * workers' steals went; the sum does not. Data-race free: each leaf writes its own slot, read after
 * the pool's {@code invoke} returned.
 *
 * <pre>
 * ticket &lt;t&gt; leaf &lt;first&gt;..&lt;last&gt; &lt;worker thread name&gt;   (one line per leaf, by ticket)
 * sum=&lt;sum of 0..leaves*8-1&gt;
 * </pre>
 */
public final class ForkJoinTally {
  private static final String USAGE = "usage: ForkJoinTally [leaves]   (default 64, 1..100000)";
  private static final int LEAF = 8;

  public static void main(String[] argv) {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int leaves = args.intPositional(0, "leaves", 64, 1, 100_000);

    AtomicLong tickets = new AtomicLong();
    AtomicLong sum = new AtomicLong();
    String[] byTicket = new String[leaves];
    ForkJoinPool pool = new ForkJoinPool(3);
    try {
      pool.invoke(new Range(0, leaves * LEAF, tickets, sum, byTicket));
    } finally {
      pool.shutdown();
    }
    for (int t = 0; t < leaves; t++) {
      System.out.println("ticket " + t + " leaf " + byTicket[t]);
    }
    System.out.println("sum=" + sum.get());
  }

  /** Sums [from, to): split in halves down to one leaf. */
  private static final class Range extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;
    private final AtomicLong tickets;
    private final AtomicLong sum;
    private final String[] byTicket;

    Range(int from, int to, AtomicLong tickets, AtomicLong sum, String[] byTicket) {
      this.from = from;
      this.to = to;
      this.tickets = tickets;
      this.sum = sum;
      this.byTicket = byTicket;
    }

    @Override
    protected void compute() {
      if (to - from <= LEAF) {
        long s = 0;
        for (int i = from; i < to; i++) {
          s += i;
        }
        sum.addAndGet(s);
        int ticket = (int) tickets.getAndIncrement();
        byTicket[ticket] = from + ".." + (to - 1) + " " + Thread.currentThread().getName();
        return;
      }
      int mid = (from + to) >>> 1;
      mid -= (mid - from) % LEAF; // keep leaves aligned on LEAF
      invokeAll(
          new Range(from, mid, tickets, sum, byTicket), new Range(mid, to, tickets, sum, byTicket));
    }
  }
}
