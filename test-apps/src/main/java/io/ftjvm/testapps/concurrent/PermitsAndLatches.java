package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Semaphore and CountDownLatch results that depend on interleaving: 5 workers share a semaphore of
 * 2 permits for R rounds each. A round tries {@code tryAcquire()} first; when that fails the worker
 * blocks in {@code acquire()} (or, in turn, {@code acquireUninterruptibly()}, {@code acquire(2)},
 * or a timed {@code tryAcquire}, with no timeout or a short one, that may time out) and draws a
 * ticket from a shared counter once it has the permits, so the tickets show the order in which
 * blocked acquirers got them. Every few rounds a worker reads {@code availablePermits()}, drains
 * the permits it can and gives them back, and reads the count of the latch the workers count down
 * when they finish. The main thread waits for them with timed awaits (counting the ones that time
 * out), then one worker blocked on a semaphore without permits and one on a latch that never opens
 * are interrupted. Last, two producers hand 20 values each to a consumer through one {@link
 * AtomicReference} slot, with {@link LockSupport#park} and {@link LockSupport#unpark} used
 * directly: the consumer parks while the slot is empty, a producer whose compare-and-set finds it
 * full parks for 20 µs and tries again, and unparks the consumer after each value it put. Then four
 * threads meet at one {@link Exchanger} 20 times each, three with a 300 µs timeout and one without,
 * until main interrupts that one: who meets whom, and which exchanges time out, is a race. Last, a
 * tree of phasers (a root and two children) runs 8 phases with 5 parties that each draw a ticket
 * before arriving and waiting, one of which leaves at phase 3; the root's {@code onAdvance} notes
 * who arrived last and at which ticket, and a watcher waits on the root with 300 µs timeouts. Then
 * synchronizers the program builds itself on AbstractQueuedSynchronizer: see {@link
 * HomeMadeSynchronizers}, which runs R/4 rounds and prints its lines, and {@link FairQueues}, fair
 * ones and questions about their queues, R/4 rounds, last.
 *
 * <pre>
 * worker &lt;w&gt; tried=&lt;successful tryAcquire()&gt; blocked=&lt;tickets, in order&gt; timeouts=&lt;n&gt; seen=&lt;availablePermits/drained/latch count readings&gt;   (5 lines)
 * main awaits-timed-out=&lt;n&gt; count=&lt;0&gt; permits=&lt;2&gt; tickets=&lt;n&gt;
 * stuck-acquire: interrupted   stuck-await: interrupted
 * handoff got=&lt;the 40 values, in the order the consumer took them&gt; consumer-parks=&lt;n&gt; producer-retries=&lt;a&gt;/&lt;b&gt;
 * exchanger &lt;t&gt;:&lt;per meeting, the partner's thread:round, T (timed out) or I (interrupted)&gt;   (4 lines)
 * phaser party &lt;t&gt;:&lt;per phase, the ticket drawn : what arriveAndAwaitAdvance answered&gt;   (5 lines)
 * phaser watcher:&lt;per timed wait, the phase it saw or T&gt;
 * phaser advances=&lt;phase/parties@thread#ticket, per advance&gt; terminated=&lt;bool&gt;
 * </pre>
 */
public final class PermitsAndLatches {
  private static final String USAGE =
      "usage: PermitsAndLatches [rounds]   (default 200, 10..100000: rounds per worker)";
  private static final int WORKERS = 5;
  private static final int PERMITS = 2;

  private final Semaphore permits = new Semaphore(PERMITS);
  private final CountDownLatch finished = new CountDownLatch(WORKERS);
  private final AtomicInteger tickets = new AtomicInteger();

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int rounds = args.intPositional(0, "rounds", 200, 10, 100_000);
    new PermitsAndLatches().run(rounds);
  }

  private void run(int rounds) throws InterruptedException {
    String[] report = new String[WORKERS];
    CountDownLatch start = new CountDownLatch(1);
    Thread[] workers = new Thread[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
      int id = w;
      workers[w] =
          new Thread(
              () -> {
                try {
                  start.await();
                  report[id] = work(id, rounds);
                } catch (InterruptedException e) {
                  report[id] = "worker " + id + " interrupted";
                } finally {
                  finished.countDown();
                }
              },
              "worker-" + w);
      workers[w].start();
    }
    start.countDown();
    int timedOut = 0;
    while (!finished.await(200, TimeUnit.MICROSECONDS)) {
      timedOut++;
    }
    for (Thread t : workers) {
      t.join();
    }
    for (String line : report) {
      System.out.println(line);
    }
    System.out.println(
        "main awaits-timed-out="
            + timedOut
            + " count="
            + finished.getCount()
            + " permits="
            + permits.availablePermits()
            + " tickets="
            + tickets.get());
    System.out.println(stuckAcquire() + "   " + stuckAwait());
    System.out.println(handoff(20));
    exchanges(20);
    phases(8);
    HomeMadeSynchronizers.run(rounds / 4);
    FairQueues.run(rounds / 4);
    boolean consistent = finished.getCount() == 0 && permits.availablePermits() == PERMITS;
    System.exit(consistent ? 0 : 1);
  }

  private String work(int id, int rounds) throws InterruptedException {
    int tried = 0;
    int timeouts = 0;
    List<Integer> blocked = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      int taken = 1;
      if (permits.tryAcquire()) {
        tried++;
      } else {
        switch ((id + r) % 4) {
          case 0:
            permits.acquire();
            break;
          case 1:
            permits.acquireUninterruptibly();
            break;
          case 2:
            permits.acquire(2);
            taken = 2;
            break;
          default:
            if (!permits.tryAcquire(r % 8 < 4 ? 0 : 20, TimeUnit.MICROSECONDS)) {
              timeouts++;
              continue;
            }
        }
        blocked.add(tickets.getAndIncrement());
      }
      spin(r);
      if (r % 16 == id) {
        int available = permits.availablePermits();
        int drained = permits.drainPermits();
        seen.add(available + "/" + drained + "/" + finished.getCount());
        permits.release(taken + drained); // what was drained goes back with this round's permits
      } else {
        permits.release(taken);
      }
    }
    return "worker "
        + id
        + " tried="
        + tried
        + " blocked="
        + blocked
        + " timeouts="
        + timeouts
        + " seen="
        + seen;
  }

  /** A little work while holding permits, so that others find none. */
  private static void spin(int r) {
    long x = r;
    for (int i = 0; i < 2000; i++) {
      x = x * 31 + i;
    }
    if (x == 42) {
      System.out.print(""); // keeps the loop from being optimised away
    }
  }

  /** A thread blocked in acquire on a semaphore without permits, then interrupted. */
  private static String stuckAcquire() throws InterruptedException {
    Semaphore none = new Semaphore(0);
    String[] outcome = {"returned"};
    Thread t =
        new Thread(
            () -> {
              try {
                none.acquire();
              } catch (InterruptedException e) {
                outcome[0] = "interrupted";
              }
            },
            "stuck-acquire");
    t.start();
    Thread.sleep(5);
    t.interrupt();
    t.join();
    return "stuck-acquire: " + outcome[0];
  }

  /** A thread blocked on a latch that never opens, then interrupted. */
  private static String stuckAwait() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    String[] outcome = {"returned"};
    Thread t =
        new Thread(
            () -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                outcome[0] = "interrupted";
              }
            },
            "stuck-await");
    t.start();
    Thread.sleep(5);
    t.interrupt();
    t.join();
    return "stuck-await: " + outcome[0];
  }

  /**
   * Two producers hand values to a consumer through one slot, waking it with {@code unpark}; the
   * consumer parks while the slot is empty. Each park may also return early (a permit left by an
   * earlier unpark, or spuriously): the loops re-read the slot, as code using park must.
   */
  private static void exchanges(int rounds) throws InterruptedException {
    Exchanger<String> exchanger = new Exchanger<>();
    String[] met = new String[4];
    Thread[] threads = new Thread[met.length];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = new Thread(() -> met[id] = meet(exchanger, id, rounds), "exchanger-" + t);
      threads[t].start();
    }
    for (int t = 1; t < threads.length; t++) {
      threads[t].join();
    }
    threads[0].interrupt(); // the one that waits without a timeout
    threads[0].join();
    for (int t = 0; t < met.length; t++) {
      System.out.println("exchanger " + t + ":" + met[t]);
    }
  }

  private static void phases(int phases) throws InterruptedException {
    AtomicInteger ticket = new AtomicInteger();
    List<String> advances = new ArrayList<>();
    Phaser root =
        new Phaser() {
          @Override
          protected boolean onAdvance(int phase, int parties) {
            synchronized (advances) {
              advances.add(
                  phase + "/" + parties + "@" + Thread.currentThread().getName() + "#" + ticket);
            }
            return phase >= phases - 1 || parties == 0;
          }
        };
    Phaser left = new Phaser(root, 2);
    Phaser right = new Phaser(root);
    String[] parties = new String[5];
    Thread[] threads = new Thread[parties.length];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      Phaser mine = id < 2 ? left : right;
      if (id >= 2) {
        mine.register();
      }
      threads[t] = new Thread(() -> parties[id] = phases(mine, id, ticket), "phaser-party-" + t);
      threads[t].start();
    }
    Thread watcher = new Thread(() -> watch(root), "phaser-watcher");
    watcher.start();
    for (Thread t : threads) {
      t.join();
    }
    watcher.join();
    for (int t = 0; t < parties.length; t++) {
      System.out.println("phaser party " + t + ":" + parties[t]);
    }
    synchronized (advances) {
      System.out.println("phaser advances=" + advances + " terminated=" + root.isTerminated());
    }
  }

  private static String phases(Phaser mine, int id, AtomicInteger ticket) {
    StringBuilder seen = new StringBuilder();
    while (!mine.isTerminated()) {
      seen.append(' ').append(ticket.incrementAndGet());
      if (id == 4 && mine.getPhase() == 3) {
        seen.append(" left@").append(mine.arriveAndDeregister());
        break;
      }
      seen.append(':').append(mine.arriveAndAwaitAdvance());
    }
    return seen.toString();
  }

  private static void watch(Phaser root) {
    StringBuilder seen = new StringBuilder();
    int phase = root.getPhase();
    while (phase >= 0) {
      try {
        phase = root.awaitAdvanceInterruptibly(phase, 300, TimeUnit.MICROSECONDS);
        seen.append(' ').append(phase);
      } catch (TimeoutException e) {
        seen.append(" T");
      } catch (InterruptedException e) {
        seen.append(" I");
        break;
      }
    }
    System.out.println("phaser watcher:" + seen);
  }

  private static String meet(Exchanger<String> exchanger, int id, int rounds) {
    StringBuilder met = new StringBuilder();
    for (int r = 0; r < rounds; r++) {
      String mine = id + ":" + r;
      try {
        String theirs =
            id == 0
                ? exchanger.exchange(mine)
                : exchanger.exchange(mine, 300, TimeUnit.MICROSECONDS);
        met.append(' ').append(theirs);
      } catch (TimeoutException e) {
        met.append(" T");
      } catch (InterruptedException e) {
        met.append(" I");
        break;
      }
    }
    return met.toString();
  }

  private static String handoff(int perProducer) throws InterruptedException {
    AtomicReference<String> slot = new AtomicReference<>();
    List<String> got = new ArrayList<>();
    int[] parks = {0};
    Thread consumer =
        new Thread(
            () -> {
              for (int i = 0; i < 2 * perProducer; i++) {
                String value;
                while ((value = slot.getAndSet(null)) == null) {
                  parks[0]++;
                  LockSupport.park(slot);
                }
                got.add(value);
              }
            },
            "handoff-consumer");
    consumer.start();
    int[] retries = new int[2];
    Thread[] producers = new Thread[2];
    for (int p = 0; p < 2; p++) {
      int id = p;
      producers[p] =
          new Thread(
              () -> {
                for (int i = 0; i < perProducer; i++) {
                  String value = (char) ('a' + id) + String.valueOf(i);
                  while (!slot.compareAndSet(null, value)) {
                    retries[id]++;
                    LockSupport.parkNanos(20_000);
                  }
                  LockSupport.unpark(consumer);
                }
              },
              "handoff-producer-" + p);
      producers[p].start();
    }
    for (Thread t : producers) {
      t.join();
    }
    consumer.join();
    return "handoff got="
        + got
        + " consumer-parks="
        + parks[0]
        + " producer-retries="
        + retries[0]
        + "/"
        + retries[1];
  }
}
