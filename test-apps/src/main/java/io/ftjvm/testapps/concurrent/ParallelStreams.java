package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The common ForkJoinPool as programs use it without naming it: a parallel stream, {@code
 * CompletableFuture.supplyAsync} without an executor, and a {@link RecursiveTask}. Run it with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=3} on a small machine, or the pool
 * has one worker (and {@code supplyAsync} a thread per task). What it prints depends on which
 * worker ran what, and when:
 *
 * <pre>
 * stream &lt;i&gt;@&lt;ticket&gt; &lt;thread name&gt;     (every 97th element, in the order they were noted)
 * stream count=&lt;n&gt; by residue {...}
 * future &lt;k&gt; ticket &lt;t&gt; &lt;thread&gt; then &lt;t2&gt; &lt;thread&gt;   (one line per future, printed by the future)
 * fib(&lt;n&gt;)=&lt;f&gt; calls=&lt;c&gt; first leaves &lt;ticket:thread ...&gt;
 * runners &lt;first element&gt;-&lt;last&gt; &lt;thread&gt;, ...   (who ran each element of a stream
 *   whose tasks do nothing else: only the thread's name tells them apart)
 * </pre>
 */
public final class ParallelStreams {
  private static final String USAGE =
      "usage: ParallelStreams [elements]   (default 3000, 100..1000000)";

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int elements = args.intPositional(0, "elements", 3000, 100, 1_000_000);

    AtomicLong tickets = new AtomicLong();
    List<String> noted = new ArrayList<>();
    ConcurrentHashMap<Integer, Integer> byResidue = new ConcurrentHashMap<>();
    IntStream.range(0, elements)
        .parallel()
        .forEach(
            i -> {
              long ticket = tickets.getAndIncrement();
              byResidue.merge(i % 5, 1, Integer::sum);
              if (i % 97 == 0) {
                synchronized (noted) {
                  noted.add(i + "@" + ticket + " " + Thread.currentThread().getName());
                }
              }
            });
    for (String line : noted) {
      System.out.println("stream " + line);
    }
    System.out.println("stream count=" + tickets.get() + " by residue " + new TreeMap<>(byResidue));

    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      int future = k;
      futures.add(
          CompletableFuture.supplyAsync(
                  () -> tickets.getAndIncrement() + " " + Thread.currentThread().getName())
              .thenApplyAsync(
                  first -> first + " then " + tickets.getAndIncrement() + " " + threadName())
              .thenAccept(line -> System.out.println("future " + future + " ticket " + line)));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();

    Map<Long, String> leaves = new ConcurrentHashMap<>();
    Fib fib = new Fib(16, tickets, leaves);
    long value = fib.invoke();
    StringBuilder first = new StringBuilder();
    new TreeMap<>(leaves)
        .entrySet().stream()
            .limit(6)
            .forEach(e -> first.append(' ').append(e.getKey()).append(':').append(e.getValue()));
    System.out.println("fib(16)=" + value + " calls=" + fib.calls.get() + " first leaves" + first);

    List<String> runners =
        IntStream.range(0, 400)
            .parallel()
            .mapToObj(i -> Thread.currentThread().getName())
            .collect(Collectors.toList());
    System.out.println("runners " + runs(runners));
  }

  /** Consecutive equal names as "first-last name", comma-separated. */
  private static String runs(List<String> names) {
    StringBuilder out = new StringBuilder();
    int start = 0;
    for (int i = 1; i <= names.size(); i++) {
      if (i == names.size() || !names.get(i).equals(names.get(start))) {
        out.append(out.length() == 0 ? "" : ", ")
            .append(start)
            .append('-')
            .append(i - 1)
            .append(' ')
            .append(names.get(start));
        start = i;
      }
    }
    return out.toString();
  }

  private static String threadName() {
    return Thread.currentThread().getName();
  }

  /** Naive recursive Fibonacci: thousands of small forked tasks, each taking a ticket. */
  private static final class Fib extends RecursiveTask<Long> {
    private static final long serialVersionUID = 1L;
    private final int n;
    private final AtomicLong tickets;
    private final Map<Long, String> leaves;
    final AtomicLong calls;

    Fib(int n, AtomicLong tickets, Map<Long, String> leaves) {
      this(n, tickets, leaves, new AtomicLong());
    }

    private Fib(int n, AtomicLong tickets, Map<Long, String> leaves, AtomicLong calls) {
      this.n = n;
      this.tickets = tickets;
      this.leaves = leaves;
      this.calls = calls;
    }

    @Override
    protected Long compute() {
      calls.incrementAndGet();
      if (n < 2) {
        leaves.put(tickets.getAndIncrement(), Thread.currentThread().getName());
        return (long) n;
      }
      Fib left = new Fib(n - 1, tickets, leaves, calls);
      left.fork();
      long right = new Fib(n - 2, tickets, leaves, calls).compute();
      return left.join() + right;
    }
  }
}
