package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits that end by a signal, a timeout or an interrupt, whichever comes first.
 *
 * <p><b>Scheduled:</b> a ScheduledThreadPoolExecutor of 2 threads runs a fixed-rate task, a
 * fixed-delay task and N one-shot tasks due 0 to 6 ms apart. Its workers wait for the next task
 * with timed condition waits and read the clock to decide whether it is due. The main thread
 * cancels every fifth one-shot task (a race with its run), reads how long some others have left,
 * cancels the periodic tasks (the fixed-delay one with an interrupt), collects the results and
 * shuts the pool down, whose interrupts land in the workers' waits.
 *
 * <p><b>Polls:</b> three consumers poll a queue with a 300 µs timeout, counting the polls that came
 * back empty, while a producer feeds it in bursts; the producer also offers into a full bounded
 * queue with a short timeout, which a fourth thread drains slowly. Which consumer got which item,
 * and how many polls and offers timed out, depend on timing.
 *
 * <p><b>Futures:</b> tasks submitted one at a time to a pool whose idle threads time out after 200
 * µs (so how many threads it has depends on timing), each waited for with a 300 µs {@code
 * Future.get} timeout, then waited for in full if that timed out; and three threads meeting at a
 * {@code CyclicBarrier} ten times with a 500 µs timeout, one of them late in turn (a timeout breaks
 * the barrier for the others, and whoever finds it broken resets it).
 *
 * <p><b>Completable futures:</b> N stages supplied to a pool of 3, each taking 0 to 2 ms, waited
 * for with a 1 ms {@code CompletableFuture.get} timeout, then joined if that timed out; and three
 * threads waiting on one future with 200 µs timeouts, again after each timeout, while the main
 * thread interrupts the first of them once the three have timed out 9 times in all, and completes
 * the future once they have timed out 15 times.
 *
 * <pre>
 * scheduled: &lt;the tasks' lines, in the order they ran&gt;
 * shot &lt;i&gt;: &lt;value | cancelled | cancel lost: value&gt;    (one per one-shot task)
 * left: &lt;ms left of a few tasks, read by main&gt;
 * pool: rate-runs=&lt;n&gt; delay-runs=&lt;n&gt; terminated=&lt;bool&gt; completed=&lt;n&gt;
 * consumer &lt;c&gt;: items=&lt;in the order taken&gt; empty-polls=&lt;n&gt;    (3 lines)
 * offers: timed-out=&lt;n&gt; drained=&lt;n&gt;
 * futures: &lt;value, or T and the value if get timed out, then w and the pool's size, per task&gt;
 * barrier: &lt;per thread, per meeting: its arrival index, T (timed out) or B (broken)&gt;
 * completable: &lt;value, or T and the value if get timed out, per stage&gt;
 * waiter &lt;w&gt;: &lt;got open | interrupted&gt; after &lt;n&gt; timeouts    (3 lines)
 * </pre>
 */
public final class TimedWaits {
  private static final String USAGE =
      "usage: TimedWaits [tasks]   (default 30, 1..10000: one-shot tasks, and items per consumer)";

  private final List<String> ran = new ArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int tasks = args.intPositional(0, "tasks", 30, 1, 10_000);
    TimedWaits app = new TimedWaits();
    app.scheduled(tasks);
    app.polls(tasks);
    futures(tasks);
    completableFutures(tasks);
  }

  private synchronized void ran(String line) {
    ran.add(line);
  }

  private void scheduled(int tasks) throws InterruptedException {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);
    AtomicInteger rateRuns = new AtomicInteger();
    AtomicInteger delayRuns = new AtomicInteger();
    ScheduledFuture<?> rate =
        pool.scheduleAtFixedRate(
            () -> ran("rate#" + rateRuns.incrementAndGet() + "@" + sequence.incrementAndGet()),
            0,
            2,
            TimeUnit.MILLISECONDS);
    ScheduledFuture<?> delay =
        pool.scheduleWithFixedDelay(
            () -> ran("delay#" + delayRuns.incrementAndGet() + "@" + sequence.incrementAndGet()),
            1,
            3,
            TimeUnit.MILLISECONDS);
    List<ScheduledFuture<Integer>> shots = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      int id = i;
      shots.add(
          pool.schedule(
              () -> {
                int at = sequence.incrementAndGet();
                ran("shot" + id + "@" + at);
                return at;
              },
              i % 7,
              TimeUnit.MILLISECONDS));
    }
    StringBuilder left = new StringBuilder();
    boolean[] cancelled = new boolean[tasks];
    for (int i = 0; i < tasks; i++) {
      if (i % 5 == 4) {
        cancelled[i] = shots.get(i).cancel(false);
      } else if (i % 5 == 2) {
        left.append(' ').append(shots.get(i).getDelay(TimeUnit.MILLISECONDS));
      }
    }
    Thread.sleep(15);
    rate.cancel(false);
    delay.cancel(true);
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < tasks; i++) {
      results.append("shot ").append(i).append(": ").append(result(shots.get(i), cancelled[i]));
      results.append('\n');
    }
    pool.shutdown();
    boolean terminated = pool.awaitTermination(5, TimeUnit.SECONDS);
    synchronized (this) {
      System.out.println("scheduled: " + String.join(" ", ran));
    }
    System.out.print(results);
    System.out.println("left:" + left);
    System.out.println(
        "pool: rate-runs="
            + rateRuns.get()
            + " delay-runs="
            + delayRuns.get()
            + " terminated="
            + terminated
            + " completed="
            + pool.getCompletedTaskCount());
  }

  private static String result(ScheduledFuture<Integer> shot, boolean cancelled)
      throws InterruptedException {
    try {
      int value = shot.get();
      return cancelled ? "cancel lost: " + value : String.valueOf(value);
    } catch (CancellationException e) {
      return "cancelled";
    } catch (ExecutionException e) {
      return "failed: " + e.getCause();
    }
  }

  private void polls(int items) throws InterruptedException {
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> bounded = new ArrayBlockingQueue<>(2);
    int consumers = 3;
    String[] reports = new String[consumers];
    Thread[] threads = new Thread[consumers];
    for (int c = 0; c < consumers; c++) {
      int id = c;
      threads[c] = new Thread(() -> reports[id] = consume(id, queue), "consumer-" + c);
      threads[c].start();
    }
    AtomicInteger drained = new AtomicInteger();
    Thread drainer =
        new Thread(
            () -> {
              try {
                while (bounded.take() >= 0) {
                  drained.incrementAndGet();
                  Thread.sleep(1);
                }
              } catch (InterruptedException e) {
                // the end of the run
              }
            },
            "drainer");
    drainer.start();
    int timedOut = 0;
    for (int i = 1; i <= items * consumers; i++) {
      queue.put(i);
      if (i % 8 == 0) {
        Thread.sleep(1);
      }
      if (!bounded.offer(i, 100, TimeUnit.MICROSECONDS)) {
        timedOut++;
      }
    }
    for (int c = 0; c < consumers; c++) {
      queue.put(-1);
    }
    for (Thread t : threads) {
      t.join();
    }
    bounded.put(-1);
    drainer.join();
    for (String report : reports) {
      System.out.println(report);
    }
    System.out.println("offers: timed-out=" + timedOut + " drained=" + drained.get());
  }

  private static void futures(int tasks) throws InterruptedException {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            3, 3, 200, TimeUnit.MICROSECONDS, new LinkedBlockingQueue<Runnable>());
    pool.allowCoreThreadTimeOut(true);
    AtomicInteger sequence = new AtomicInteger();
    StringBuilder line = new StringBuilder("futures:");
    for (int i = 0; i < tasks; i++) {
      boolean slow = i % 3 == 0;
      Future<Integer> task =
          pool.submit(
              () -> {
                if (slow) {
                  Thread.sleep(1);
                }
                return sequence.incrementAndGet();
              });
      line.append(' ').append(waitFor(task));
      if (i % 4 == 0) {
        Thread.sleep(1);
      }
      line.append(" w").append(pool.getPoolSize());
    }
    pool.shutdown();
    boolean terminated = pool.awaitTermination(5, TimeUnit.SECONDS);
    System.out.println(line + " terminated=" + terminated);

    CyclicBarrier barrier = new CyclicBarrier(3);
    String[] meetings = new String[3];
    Thread[] parties = new Thread[3];
    for (int p = 0; p < parties.length; p++) {
      int id = p;
      parties[p] = new Thread(() -> meetings[id] = meet(id, barrier), "party-" + p);
      parties[p].start();
    }
    for (Thread t : parties) {
      t.join();
    }
    System.out.println("barrier: " + String.join(" ", meetings));
  }

  private static void completableFutures(int stages) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicInteger sequence = new AtomicInteger();
    StringBuilder line = new StringBuilder("completable:");
    for (int i = 0; i < stages; i++) {
      int sleep = i % 3;
      CompletableFuture<Integer> stage =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Thread.sleep(sleep);
                } catch (InterruptedException e) {
                  return -1;
                }
                return sequence.incrementAndGet();
              },
              pool);
      String outcome;
      try {
        outcome = String.valueOf(stage.get(1, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        outcome = "T" + stage.join();
      } catch (ExecutionException e) {
        outcome = "failed: " + e.getCause();
      }
      line.append(' ').append(outcome);
    }
    pool.shutdown();
    System.out.println(line);

    CompletableFuture<String> gate = new CompletableFuture<>();
    AtomicInteger timeouts = new AtomicInteger();
    String[] outcomes = new String[3];
    Thread[] waiters = new Thread[3];
    for (int w = 0; w < waiters.length; w++) {
      int id = w;
      waiters[w] = new Thread(() -> outcomes[id] = awaitGate(gate, timeouts), "waiter-" + w);
      waiters[w].start();
    }
    while (timeouts.get() < 9) {
      Thread.sleep(1);
    }
    waiters[0].interrupt();
    while (timeouts.get() < 15) {
      Thread.sleep(1);
    }
    gate.complete("open");
    for (int w = 0; w < waiters.length; w++) {
      waiters[w].join();
      System.out.println("waiter " + w + ": " + outcomes[w]);
    }
  }

  private static String awaitGate(CompletableFuture<String> gate, AtomicInteger timeouts) {
    int mine = 0;
    while (true) {
      try {
        return "got " + gate.get(200, TimeUnit.MICROSECONDS) + " after " + mine;
      } catch (TimeoutException e) {
        mine++;
        timeouts.incrementAndGet();
      } catch (InterruptedException e) {
        return "interrupted after " + mine;
      } catch (ExecutionException e) {
        return "failed: " + e.getCause();
      }
    }
  }

  private static String waitFor(Future<Integer> task) throws InterruptedException {
    try {
      try {
        return String.valueOf(task.get(300, TimeUnit.MICROSECONDS));
      } catch (TimeoutException e) {
        return "T" + task.get();
      }
    } catch (ExecutionException e) {
      return "failed: " + e.getCause();
    }
  }

  private static String meet(int id, CyclicBarrier barrier) {
    StringBuilder seen = new StringBuilder();
    for (int k = 0; k < 10; k++) {
      try {
        if (id == k % 3) {
          Thread.sleep(1); // late for this meeting
        }
        seen.append(barrier.await(500, TimeUnit.MICROSECONDS));
      } catch (TimeoutException e) {
        seen.append('T');
      } catch (BrokenBarrierException e) {
        seen.append('B');
      } catch (InterruptedException e) {
        seen.append('I');
      }
      synchronized (barrier) {
        if (barrier.isBroken()) {
          barrier.reset();
        }
      }
    }
    return seen.toString();
  }

  private static String consume(int id, BlockingQueue<Integer> queue) {
    StringBuilder items = new StringBuilder();
    int empty = 0;
    try {
      while (true) {
        Integer item = queue.poll(300, TimeUnit.MICROSECONDS);
        if (item == null) {
          empty++;
        } else if (item < 0) {
          break;
        } else {
          items.append(' ').append(item);
        }
      }
    } catch (InterruptedException e) {
      items.append(" interrupted");
    }
    return "consumer " + id + ": items=" + items + " empty-polls=" + empty;
  }
}
