package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Workers stopped by interrupts, each blocked or busy in a different way when its interrupt lands:
 * in {@code Thread.sleep}, in {@code Object.wait}, in {@code BlockingQueue.take}, polling its own
 * flag (one between counter updates, one with nothing else between polls), in {@code
 * lockInterruptibly}, in {@code TimeUnit.sleep}, and in {@code Thread.join}. The main thread feeds
 * the queue, lets them run for a while, starts the two pollers, then interrupts them one by one
 * (the pollers first), reading each one's flag before and after, whether it is still alive and its
 * state. How far each worker got, what the main thread read, and whether the joiner found the
 * sleeper started at all (it is started first) depend on timing; the totals of what the taker
 * consumed do not. Then it starts three finishers and watches them end, counting and listing the
 * threads alive in its group.
 *
 * <pre>
 * &lt;worker&gt; ... after &lt;n&gt; ...                 (one line per worker, in the order they stop)
 * main: &lt;worker&gt; flag before=&lt;bool&gt; after=&lt;bool&gt; alive=&lt;bool&gt; state=&lt;Thread.State&gt;
 *                                                                 (per worker, in interrupt order)
 * main: started &lt;Thread.toString()&gt; id=&lt;id&gt;  (per finisher)
 * main: alive &lt;thread&gt; ...                (Thread.enumerate, each time its answer changes)
 * main: all ended after &lt;n&gt; rounds          (until Thread.activeCount() was 1)
 * main: finisher-&lt;i&gt; logged as thread &lt;id&gt;  (the id a java.util.logging LogRecord noted)
 * ticks=&lt;shared counter&gt; taken=&lt;items taken&gt; sum=&lt;their sum&gt;
 * </pre>
 */
public final class InterruptedWorkers {
  private static final String USAGE =
      "usage: InterruptedWorkers [items]   (default 200, 1..100000: items fed to the taker)";

  private final AtomicLong ticks = new AtomicLong();
  private final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
  private final ReentrantLock gate = new ReentrantLock();
  private final Object monitor = new Object();
  private long taken;
  private long sum;

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, java.util.Set.of(), 1);
    int items = args.intPositional(0, "items", 200, 1, 100_000);
    new InterruptedWorkers().run(items);
  }

  private void run(int items) throws InterruptedException {
    Thread sleeper = new Thread(this::sleeper, "sleeper");
    Thread waiter = new Thread(this::waiter, "waiter");
    Thread taker = new Thread(this::taker, "taker");
    Thread poller = new Thread(this::poller, "poller");
    Thread quietPoller = new Thread(this::quietPoller, "quiet-poller");
    Thread locker = new Thread(this::locker, "locker");
    UnitSleeperThread unitSleeper = new UnitSleeperThread(this::unitSleeper);
    Thread joiner = new Thread(() -> joiner(sleeper), "joiner");
    Thread[] blocking = {joiner, sleeper, waiter, taker, locker, unitSleeper};
    for (Thread t : blocking) {
      t.start();
    }
    for (int i = 1; i <= items; i++) {
      queue.put(i);
      if (i % 16 == 0) {
        Thread.sleep(1);
      }
    }
    Thread.sleep(20);
    gate.lock(); // the locker now waits for it, until interrupted
    // The pollers spin from their start to their interrupt, and every poll is an event to replay.
    // Started only now and interrupted first, they spin for a millisecond or so rather than for the
    // whole feeding: two of them on a two-core machine can starve main, and a recording in which
    // they spun for seconds took minutes to replay.
    poller.start();
    quietPoller.start();
    Thread.sleep(1);
    Thread[] workers = {poller, quietPoller, joiner, sleeper, waiter, taker, locker, unitSleeper};
    try {
      for (Thread t : workers) {
        // The unit sleeper's flag and life are read through its own class's type, as code that
        // keeps its workers in typed fields does; the others through Thread.
        boolean sub = t == unitSleeper;
        boolean before = sub ? unitSleeper.isInterrupted() : t.isInterrupted();
        t.interrupt();
        boolean after = sub ? unitSleeper.isInterrupted() : t.isInterrupted();
        // has it ended yet, after the interrupt?
        boolean alive = sub ? unitSleeper.isAlive() : t.isAlive();
        Thread.State state = sub ? unitSleeper.getState() : t.getState();
        System.out.println(
            "main: "
                + t.getName()
                + " flag before="
                + before
                + " after="
                + after
                + " alive="
                + alive
                + " state="
                + state);
      }
      for (Thread t : workers) {
        t.join();
      }
    } finally {
      gate.unlock();
    }
    census();
    synchronized (this) {
      System.out.println("ticks=" + ticks.get() + " taken=" + taken + " sum=" + sum);
    }
  }

  /**
   * Three finishers that compute for different lengths of time, and the main thread watching them
   * end: it counts and lists the threads alive in its group until only it is left, one line each
   * time the list changes, then how many rounds that took. (They are the only other threads in
   * main's group; the agent keeps its own out.)
   */
  private static void census() throws InterruptedException {
    Thread[] finishers = new Thread[3];
    long[] loggedAs = new long[finishers.length];
    for (int i = 0; i < finishers.length; i++) {
      long steps = 300_000L * (i + 1);
      int finisher = i;
      finishers[i] =
          new Thread(
              () -> {
                compute(steps);
                // A log record notes the thread that logs, by the JVM's id.
                loggedAs[finisher] = new LogRecord(Level.FINE, "finished").getLongThreadID();
              },
              "finisher-" + i);
      finishers[i].start();
    }
    // Their ids and descriptions (Thread[#id,...] from Java 19 on, and a group only while they
    // run): the JVM numbers the threads it makes, its own and an agent's among them, so the ids
    // are the run's, not the program's.
    for (Thread t : finishers) {
      System.out.println("main: started " + t + " id=" + t.getId());
    }
    Thread[] alive = new Thread[16];
    String last = "";
    int rounds = 0;
    while (Thread.activeCount() > 1) {
      rounds++;
      int n = Thread.enumerate(alive);
      StringBuilder names = new StringBuilder();
      for (int i = 0; i < n; i++) {
        names.append(' ').append(alive[i].getName());
      }
      if (!names.toString().equals(last)) {
        last = names.toString();
        System.out.println("main: alive" + last);
      }
      Thread.sleep(1);
    }
    for (Thread t : finishers) {
      t.join();
    }
    System.out.println("main: all ended after " + rounds + " rounds");
    for (int i = 0; i < finishers.length; i++) {
      System.out.println("main: finisher-" + i + " logged as thread " + loggedAs[i]);
    }
  }

  private static volatile long computed;

  private static void compute(long steps) {
    long x = 0;
    for (long i = 0; i < steps; i++) {
      x += i % 7;
    }
    computed = x;
  }

  /** A worker with its own Thread subclass. */
  private static final class UnitSleeperThread extends Thread {
    UnitSleeperThread(Runnable body) {
      super(body, "unit-sleeper");
    }
  }

  private void sleeper() {
    for (long n = 0; ; n++) {
      ticks.incrementAndGet();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        System.out.println("sleeper interrupted in sleep after " + n);
        return;
      }
    }
  }

  private void unitSleeper() {
    for (long n = 0; ; n++) {
      ticks.incrementAndGet();
      try {
        TimeUnit.MICROSECONDS.sleep(500);
      } catch (InterruptedException e) {
        System.out.println("unit-sleeper interrupted in TimeUnit.sleep after " + n);
        return;
      }
    }
  }

  private void waiter() {
    synchronized (monitor) {
      for (long n = 0; ; n++) {
        ticks.incrementAndGet();
        try {
          monitor.wait(1);
        } catch (InterruptedException e) {
          System.out.println("waiter interrupted in wait after " + n);
          return;
        }
      }
    }
  }

  private void taker() {
    for (long n = 0; ; n++) {
      int item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        System.out.println("taker interrupted in take after " + n + " items");
        return;
      }
      synchronized (this) {
        taken++;
        sum += item;
      }
    }
  }

  private void poller() {
    long n = 0;
    while (!Thread.currentThread().isInterrupted()) {
      ticks.incrementAndGet();
      n++;
    }
    boolean first = Thread.interrupted();
    boolean second = Thread.interrupted();
    System.out.println(
        "poller saw its flag after " + n + " rounds; interrupted() " + first + " then " + second);
  }

  /** Nothing observable between two polls but the poll itself. */
  private void quietPoller() {
    long n = 0;
    while (!Thread.interrupted()) {
      n++;
    }
    System.out.println(
        "quiet-poller saw its flag after "
            + n
            + " rounds; isInterrupted() "
            + Thread.currentThread().isInterrupted());
  }

  private void locker() {
    for (long n = 0; ; n++) {
      try {
        gate.lockInterruptibly();
      } catch (InterruptedException e) {
        System.out.println("locker interrupted in lockInterruptibly after " + n);
        return;
      }
      try {
        ticks.incrementAndGet();
      } finally {
        gate.unlock();
      }
      Thread.yield();
    }
  }

  private void joiner(Thread other) {
    try {
      other.join();
      System.out.println("joiner joined " + other.getName());
    } catch (InterruptedException e) {
      System.out.println("joiner interrupted in join; " + other.getName() + " still running");
    }
  }
}
