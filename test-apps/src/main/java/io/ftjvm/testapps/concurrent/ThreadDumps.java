package io.ftjvm.testapps.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * Takes Thread.getAllStackTraces() while 3 workers run, N times, as a watchdog or a thread-dump
 * endpoint does. Each time it prints, for every worker, the method of this class that the worker's
 * trace was in (timing: where the worker had got), and once the names of the threads that are
 * neither main nor a worker (the JVM's own), and worker-0's trace taken on its own. It also prints
 * the top of main's own trace, and the frame a program that finds the method it is in by position
 * reads.
 *
 * <pre>
 * own trace: &lt;frame 0&gt; &lt;frame 1&gt; &lt;frame 2&gt;
 * own frame 1: &lt;Thread.currentThread().getStackTrace()[1]&gt;
 * others: &lt;the JVM's threads, sorted&gt;
 * dump &lt;i&gt;: worker-0=&lt;method&gt; worker-1=&lt;method&gt; worker-2=&lt;method&gt; alone &lt;method&gt;   (N lines)
 * sum=&lt;n&gt;
 * </pre>
 */
public final class ThreadDumps {
  private static volatile boolean done;
  private static final long[] sums = new long[3];

  public static void main(String[] args) throws Exception {
    int dumps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    CountDownLatch started = new CountDownLatch(3);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int id = w;
      Thread worker =
          new Thread(
              () -> {
                started.countDown();
                long round = 0;
                while (!done) {
                  sums[id] += round++ % 2 == 0 ? counting(id) : summing(id);
                }
              },
              "worker-" + w);
      workers.add(worker);
      worker.start();
    }
    started.await();
    Map<Thread, StackTraceElement[]> first = Thread.getAllStackTraces();
    StackTraceElement[] own = first.get(Thread.currentThread());
    System.out.println("own trace: " + own[0] + " " + own[1] + " " + own[2]);
    // How a program finds the method it is in: by position in its own trace.
    System.out.println("own frame 1: " + Thread.currentThread().getStackTrace()[1]);
    TreeSet<String> others = new TreeSet<>();
    for (Thread t : first.keySet()) {
      if (t != Thread.currentThread() && !workers.contains(t)) {
        others.add(t.getName());
      }
    }
    System.out.println("others: " + others);
    for (int i = 0; i < dumps; i++) {
      Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
      StringBuilder line = new StringBuilder("dump " + i + ":");
      for (Thread worker : workers) {
        line.append(' ').append(worker.getName()).append('=').append(where(all.get(worker)));
      }
      // One worker's trace on its own, as a watchdog looks at a thread it suspects.
      line.append(" alone ").append(where(workers.get(0).getStackTrace()));
      System.out.println(line);
      Thread.sleep(1);
    }
    done = true;
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("sum=" + (sums[0] + sums[1] + sums[2]));
  }

  /** The first method of this class in a trace, or what the thread was doing instead. */
  private static String where(StackTraceElement[] trace) {
    if (trace == null) {
      return "gone";
    }
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().equals(ThreadDumps.class.getName())
          && !frame.getMethodName().startsWith("lambda$")) {
        return frame.getMethodName();
      }
    }
    return trace.length == 0 ? "nowhere" : "in-" + trace[0].getMethodName();
  }

  private static long counting(int id) {
    long n = 0;
    for (int i = 0; i < 20_000; i++) {
      n += (i ^ id) & 1;
    }
    return n;
  }

  private static long summing(int id) {
    long n = 0;
    for (int i = 0; i < 30_000; i++) {
      n += i % (id + 2);
    }
    return n;
  }
}
