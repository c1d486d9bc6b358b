package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread pool plus CompletableFuture chains: each of N tasks runs two async stages on a fixed pool
 * of 4 threads (named pool-1..pool-4 in creation order), the stages are joined with thenCombine and
 * allOf, and a second batch goes through invokeAll. Which pool thread ran which stage, and the
 * order in which stages finished, depend on interleaving; the results do not. Then 20 rounds of 4
 * short tasks go through a cached pool (workers cached-1.., started as needed).
 *
 * <pre>
 * pool busy=&lt;workers running a task&gt; finished=&lt;tasks done&gt; of &lt;tasks submitted&gt;
 * task &lt;i&gt; result=&lt;r&gt; stage1=#&lt;finish order&gt;@&lt;thread&gt; stage2=#&lt;finish order&gt;@&lt;thread&gt;   (N lines, i from 1)
 * completion order &lt;task numbers, comma-separated, in the order their stage 2 finished&gt;
 * deque [&lt;even tasks, last finished first&gt;, &lt;odd tasks, in finishing order&gt;] first=.. last=..
 * invokeAll sum=&lt;s&gt; threads=&lt;pool thread names that ran the batch, comma-separated, in batch order&gt;
 * result=&lt;sum of task results + invokeAll sum&gt;
 * cached &lt;round.task:ticket@worker, comma-separated, in the order they ran&gt; workers=&lt;n&gt;
 * </pre>
 *
 * <p>{@code --shutdown no} leaves the pool running at the end instead of shutting it down (its
 * threads are then daemons, so the JVM exits with them idle); by default it is shut down, which
 * interrupts the idle workers (of both pools).
 */
public final class ExecutorPipeline {
  private static final String USAGE =
      "usage: ExecutorPipeline [--shutdown yes|no] [tasks]   (default: yes, 24 tasks, 1..10000)";
  private static final int POOL_SIZE = 4;
  private static final int CACHED_ROUNDS = 20;
  private static final int CACHED_TASKS = 4;

  private final AtomicInteger finishCounter = new AtomicInteger();
  private final ConcurrentLinkedQueue<Integer> completion = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedDeque<Integer> ends = new ConcurrentLinkedDeque<>();

  /** What a stage computed, where, and as which finisher. */
  private record Stage(long value, int order, String thread) {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("shutdown"), 1);
    int tasks = args.intPositional(0, "tasks", 24, 1, 10_000);
    String shutdown = args.string("shutdown", "yes");
    if (!shutdown.equals("yes") && !shutdown.equals("no")) {
      args.fail("--shutdown must be yes or no");
    }
    new ExecutorPipeline().run(tasks, shutdown.equals("yes"));
  }

  private void run(int tasks, boolean shutdown) throws Exception {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            POOL_SIZE,
            r -> {
              Thread t = new Thread(r, "pool-" + threadNumber.incrementAndGet());
              t.setDaemon(!shutdown);
              return t;
            });
    try {
      List<CompletableFuture<String>> lines = new ArrayList<>();
      List<CompletableFuture<Long>> results = new ArrayList<>();
      for (int i = 1; i <= tasks; i++) {
        int task = i;
        CompletableFuture<Stage> first =
            CompletableFuture.supplyAsync(
                () -> stage(primesBelow(2_000 + 1_500 * (task % 7))), pool);
        CompletableFuture<Stage> second =
            first.thenApplyAsync(
                s -> {
                  Stage st = stage(s.value() * 3 + task);
                  completion.add(task);
                  if (task % 2 == 0) {
                    ends.offerFirst(task);
                  } else {
                    ends.offerLast(task);
                  }
                  return st;
                },
                pool);
        results.add(second.thenApply(Stage::value));
        lines.add(
            first.thenCombine(
                second,
                (a, b) ->
                    "task "
                        + task
                        + " result="
                        + b.value()
                        + " stage1=#"
                        + a.order()
                        + "@"
                        + a.thread()
                        + " stage2=#"
                        + b.order()
                        + "@"
                        + b.thread()));
      }
      // The pool's own account, read while its workers are at it.
      ThreadPoolExecutor account = (ThreadPoolExecutor) pool;
      System.out.println(
          "pool busy="
              + account.getActiveCount()
              + " finished="
              + account.getCompletedTaskCount()
              + " of "
              + account.getTaskCount());
      CompletableFuture.allOf(lines.toArray(new CompletableFuture<?>[0])).join();
      long total = 0;
      for (int i = 0; i < tasks; i++) {
        System.out.println(lines.get(i).join());
        total += results.get(i).join();
      }
      StringJoiner order = new StringJoiner(",");
      completion.forEach(t -> order.add(String.valueOf(t)));
      System.out.println("completion order " + order);
      // Even tasks were pushed at the front, odd ones at the back, as their stage 2 finished.
      System.out.println(
          "deque " + ends + " first=" + ends.peekFirst() + " last=" + ends.peekLast());

      List<Callable<String>> batch = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = 1_000 * (i + 1);
        batch.add(() -> primesBelow(n) + "@" + Thread.currentThread().getName());
      }
      long batchSum = 0;
      StringJoiner threads = new StringJoiner(",");
      for (Future<String> f : pool.invokeAll(batch)) {
        String[] parts = f.get().split("@");
        batchSum += Long.parseLong(parts[0]);
        threads.add(parts[1]);
      }
      System.out.println("invokeAll sum=" + batchSum + " threads=" + threads);
      System.out.println("result=" + (total + batchSum));
      cachedPoolRounds(shutdown);
    } finally {
      if (shutdown) {
        stop(pool);
      } // else the idle daemon threads end with the JVM
    }
  }

  /**
   * A cached pool hands each task to an idle worker through a SynchronousQueue, or starts a new
   * worker when none is waiting: which worker ran which task, and how many were started, depend on
   * those hand-offs.
   */
  private static void cachedPoolRounds(boolean shutdown) throws Exception {
    AtomicInteger workers = new AtomicInteger();
    ExecutorService cached =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "cached-" + workers.incrementAndGet());
              t.setDaemon(!shutdown);
              return t;
            });
    AtomicInteger tickets = new AtomicInteger();
    ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
    try {
      for (int round = 0; round < CACHED_ROUNDS; round++) {
        CountDownLatch done = new CountDownLatch(CACHED_TASKS);
        for (int i = 0; i < CACHED_TASKS; i++) {
          String task = round + "." + i;
          cached.execute(
              () -> {
                ran.add(
                    task
                        + ":"
                        + tickets.incrementAndGet()
                        + "@"
                        + Thread.currentThread().getName());
                done.countDown();
              });
        }
        done.await();
      }
      System.out.println("cached " + String.join(",", ran) + " workers=" + workers.get());
    } finally {
      if (shutdown) {
        stop(cached);
      }
    }
  }

  private static void stop(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      System.err.println("pool did not terminate");
      System.exit(1);
    }
  }

  private Stage stage(long value) {
    return new Stage(value, finishCounter.incrementAndGet(), Thread.currentThread().getName());
  }

  /** Deterministic CPU work of varying length, so that tasks overtake each other. */
  private static long primesBelow(int n) {
    long count = 0;
    for (int k = 2; k < n; k++) {
      boolean prime = true;
      for (int d = 2; d * d <= k; d++) {
        if (k % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        count++;
      }
    }
    return count;
  }
}
