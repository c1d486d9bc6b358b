package io.ftjvm.testapps.concurrent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * Counts the JVM's threads by state N times while 3 workers compute, sleep and contend for a
 * monitor, as a metrics library does ({@code getThreadInfo(getAllThreadIds())}, then each info's
 * state), and ends with a thread dump ({@code dumpAllThreads}). All of it is where the threads had
 * got: timing.
 *
 * <pre>
 * sample &lt;i&gt;: ids=&lt;n&gt; &lt;STATE&gt;=&lt;count&gt;... workers: &lt;state of worker-0&gt; &lt;of 1&gt; &lt;of 2&gt;   (N lines)
 * dump: &lt;threads in the dump&gt; worker-0 &lt;state&gt; at &lt;top frame of this class&gt; holding &lt;n&gt; monitors
 * others: &lt;the threads that are neither main nor a worker (the JVM's own), sorted&gt;
 * main frames: &lt;main's frames in its own dump, down to main()&gt;
 * sum=&lt;n&gt;
 * </pre>
 */
public final class ThreadStates {
  private static final Object SHARED = new Object();
  private static volatile boolean done;
  private static final long[] sums = new long[3];

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CountDownLatch started = new CountDownLatch(3);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int id = w;
      Thread worker = new Thread(() -> work(id, started), "worker-" + w);
      workers.add(worker);
      worker.start();
    }
    started.await();
    for (int i = 0; i < samples; i++) {
      ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds());
      Map<Thread.State, Integer> byState = new TreeMap<>();
      for (ThreadInfo info : infos) {
        if (info != null) {
          byState.merge(info.getThreadState(), 1, Integer::sum);
        }
      }
      StringBuilder line = new StringBuilder("sample " + i + ": ids=" + infos.length);
      byState.forEach((state, n) -> line.append(' ').append(state).append('=').append(n));
      line.append(" workers:");
      for (Thread worker : workers) {
        ThreadInfo info = threads.getThreadInfo(worker.getId());
        line.append(' ').append(info == null ? "gone" : info.getThreadState());
      }
      System.out.println(line);
      Thread.sleep(1);
    }
    ThreadInfo[] dump = threads.dumpAllThreads(true, true);
    TreeSet<String> others = new TreeSet<>();
    String mainFrames = "";
    StringBuilder line = new StringBuilder("dump: " + dump.length + " threads");
    for (ThreadInfo info : dump) {
      String name = info.getThreadName();
      if (name.equals("worker-0")) {
        line.append(" worker-0 ")
            .append(info.getThreadState())
            .append(" at ")
            .append(where(info.getStackTrace()))
            .append(" holding ")
            .append(info.getLockedMonitors().length)
            .append(" monitors");
      } else if (info.getThreadId() == Thread.currentThread().getId()) {
        mainFrames = framesToMain(info.getStackTrace());
      } else if (!name.startsWith("worker-")) {
        others.add(name);
      }
    }
    System.out.println(line);
    System.out.println("others: " + others);
    System.out.println("main frames: " + mainFrames);
    done = true;
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("sum=" + (sums[0] + sums[1] + sums[2]));
  }

  /** Computes, sleeps, and computes holding the shared monitor, in turn, until done. */
  private static void work(int id, CountDownLatch started) {
    started.countDown();
    long round = 0;
    try {
      while (!done) {
        switch ((int) (round++ % 3)) {
          case 0 -> sums[id] += compute(id);
          case 1 -> Thread.sleep(1);
          default -> {
            synchronized (SHARED) {
              sums[id] += compute(id);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long compute(int id) {
    long n = 0;
    for (int i = 0; i < 20_000; i++) {
      n += (i ^ id) % 3;
    }
    return n;
  }

  /** The first method of this class in a trace, or the top frame's method. */
  private static String where(StackTraceElement[] trace) {
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().equals(ThreadStates.class.getName())
          && !frame.getMethodName().startsWith("lambda$")) {
        return frame.getMethodName();
      }
    }
    return trace.length == 0 ? "nowhere" : "in-" + trace[0].getMethodName();
  }

  private static String framesToMain(StackTraceElement[] trace) {
    StringBuilder frames = new StringBuilder();
    for (StackTraceElement frame : trace) {
      frames.append(frames.length() == 0 ? "" : " ").append(frame.getMethodName());
      if (frame.getClassName().equals(ThreadStates.class.getName())) {
        break;
      }
    }
    return frames.toString();
  }
}
