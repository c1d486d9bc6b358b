package io.ftjvm.testapps.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;

/**
 * Synchronizers written by the application on {@link AbstractQueuedSynchronizer} and {@link
 * AbstractQueuedLongSynchronizer}, the last part of {@link PermitsAndLatches}: a non-reentrant
 * {@link Mutex} and a count-down {@link Gate}. Four workers each take the mutex N times, in turn by
 * {@code lock()}, by {@code tryLock()} (the application's own call of tryAcquire, which may fail)
 * and by a {@code tryLock} with a 50 µs timeout (which may time out), and draw a ticket while they
 * hold it. Meanwhile two producers put 2N values through a buffer of 4 slots guarded by the mutex
 * and its two conditions ({@code await}/{@code signal}), and a consumer takes them. The workers
 * count the gate down as they finish; a watcher reads its count until it opens, and a tick waiter
 * waits on a third condition, with 1 ms timeouts, for the signal the workers send with every fourth
 * ticket; a bell waiter does the same on a condition of a {@link LongMutex}, which the workers ring
 * with some other tickets. Last, a thread blocked in {@code lockInterruptibly} while main holds the
 * mutex is interrupted, and so is one waiting on a condition. Which worker gets which ticket, which
 * tries fail, in which order the consumer takes the values and what the watcher reads depend on
 * timing. The workers start together, at a latch, once the tick waiter holds the mutex.
 *
 * <pre>
 * mutex worker &lt;w&gt;:&lt;per round: the ticket, or - (tryLock failed) or T (timed out)&gt;   (4 lines)
 * buffer consumer got=&lt;the values, in the order taken&gt;
 * gate watcher saw=&lt;counts read, repeats folded&gt; open=&lt;true&gt; locked=&lt;false&gt; tickets=&lt;n&gt;
 * tick waiter:&lt;per 1 ms wait for every fourth ticket: S (signalled) or T (timed out)&gt;
 * bell waiter:&lt;per 1 ms wait for a ring: R (rung) or T (timed out)&gt;
 * mutex stuck: interrupted   condition stuck: interrupted
 * </pre>
 */
final class HomeMadeSynchronizers {
  private static final int WORKERS = 4;
  private static final int SLOTS = 4;

  private final Mutex mutex = new Mutex();
  private final Condition notFull = mutex.newCondition();
  private final Condition notEmpty = mutex.newCondition();
  private final Condition ticked = mutex.newCondition();
  private final ArrayDeque<Integer> buffer = new ArrayDeque<>();
  private final Gate gate = new Gate(WORKERS);
  private final LongMutex bell = new LongMutex();
  private final Condition rung = bell.newCondition();
  private int tickets; // guarded by mutex

  private HomeMadeSynchronizers() {}

  static void run(int rounds) throws InterruptedException {
    new HomeMadeSynchronizers().go(rounds);
  }

  private void go(int rounds) throws InterruptedException {
    // Opened by main and by the two waiters once they hold their locks: they wait from the start.
    CountDownLatch start = new CountDownLatch(3);
    String[] workers = new String[WORKERS];
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int id = w;
      threads.add(new Thread(() -> workers[id] = work(id, rounds, start), "mutex-worker-" + w));
    }
    for (int p = 0; p < 2; p++) {
      int first = p * 1000;
      threads.add(new Thread(() -> produce(first, rounds), "buffer-producer-" + p));
    }
    StringBuilder got = new StringBuilder();
    threads.add(new Thread(() -> consume(2 * rounds, got), "buffer-consumer"));
    StringBuilder saw = new StringBuilder();
    threads.add(new Thread(() -> watch(saw), "gate-watcher"));
    StringBuilder waits = new StringBuilder();
    threads.add(new Thread(() -> awaitTicks(waits, start), "tick-waiter"));
    StringBuilder rings = new StringBuilder();
    threads.add(new Thread(() -> awaitRings(rings, start), "bell-waiter"));
    for (Thread t : threads) {
      t.start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    for (int w = 0; w < WORKERS; w++) {
      System.out.println("mutex worker " + w + ":" + workers[w]);
    }
    System.out.println("buffer consumer got=" + got);
    System.out.println(
        "gate watcher saw="
            + saw
            + " open="
            + (gate.count() == 0)
            + " locked="
            + mutex.isLocked()
            + " tickets="
            + tickets);
    System.out.println("tick waiter:" + waits);
    System.out.println("bell waiter:" + rings);
    System.out.println("mutex stuck: " + stuck() + "   condition stuck: " + stuckAwait());
  }

  private String work(int id, int rounds, CountDownLatch start) {
    StringBuilder line = new StringBuilder();
    try {
      start.await();
      for (int r = 0; r < rounds; r++) {
        switch ((id + r) % 3) {
          case 0:
            mutex.lock();
            break;
          case 1:
            if (!mutex.tryLock()) {
              line.append(" -");
              continue;
            }
            break;
          default:
            if (!mutex.tryLock(50, TimeUnit.MICROSECONDS)) {
              line.append(" T");
              continue;
            }
        }
        try {
          line.append(' ').append(tickets);
          if (tickets++ % 4 == 0) {
            ticked.signal();
          } else if (tickets % 3 == 0) {
            ring();
          }
        } finally {
          mutex.unlock();
        }
        if (r == rounds / 2 && id == 0) {
          // The mutex has no shared mode: AbstractQueuedSynchronizer's tryAcquireShared throws,
          // in the middle of the other workers' acquisitions.
          try {
            mutex.acquireShared(1);
            line.append(" shared:held");
          } catch (UnsupportedOperationException e) {
            line.append(" shared:refused");
          }
        }
      }
    } catch (InterruptedException e) {
      line.append(" interrupted");
    } finally {
      gate.countDown();
    }
    return line.toString();
  }

  private void produce(int first, int count) {
    for (int i = 0; i < count; i++) {
      mutex.lock();
      try {
        while (buffer.size() == SLOTS) {
          notFull.awaitUninterruptibly();
        }
        buffer.add(first + i);
        notEmpty.signal();
      } finally {
        mutex.unlock();
      }
    }
  }

  private void consume(int count, StringBuilder got) {
    for (int i = 0; i < count; i++) {
      mutex.lock();
      try {
        while (buffer.isEmpty()) {
          notEmpty.awaitUninterruptibly();
        }
        got.append(i == 0 ? "" : ",").append(buffer.remove());
        notFull.signal();
      } finally {
        mutex.unlock();
      }
    }
  }

  private void watch(StringBuilder saw) {
    long last = -1;
    try {
      while (true) {
        long count = gate.count();
        if (count != last) {
          saw.append(last == -1 ? "" : ",").append(count);
          last = count;
        }
        if (count == 0) {
          gate.await(); // open: returns at once
          return;
        }
        Thread.sleep(0, 200_000);
      }
    } catch (InterruptedException e) {
      saw.append(" interrupted");
    }
  }

  /**
   * Waits for every fourth ticket with 1 ms timed waits until the gate opens: S when signalled, T
   * when the wait timed out.
   */
  private void awaitTicks(StringBuilder waits, CountDownLatch start) {
    mutex.lock();
    try {
      start.countDown();
      while (gate.count() != 0) {
        waits.append(ticked.awaitNanos(1_000_000) > 0 ? " S" : " T");
      }
    } catch (InterruptedException e) {
      waits.append(" interrupted");
    } finally {
      mutex.unlock();
    }
  }

  /** Rings the bell: a signal of the long-state lock's condition, which the bell waiter awaits. */
  private void ring() {
    bell.lock();
    try {
      rung.signal();
    } finally {
      bell.unlock();
    }
  }

  /** As {@link #awaitTicks}, on the long-state lock's condition: R when rung, T when timed out. */
  private void awaitRings(StringBuilder rings, CountDownLatch start) {
    bell.lock();
    try {
      start.countDown();
      while (gate.count() != 0) {
        rings.append(rung.await(1, TimeUnit.MILLISECONDS) ? " R" : " T");
      }
    } catch (InterruptedException e) {
      rings.append(" interrupted");
    } finally {
      bell.unlock();
    }
  }

  /** A thread waiting on a condition of the mutex, untimed, then interrupted. */
  private String stuckAwait() throws InterruptedException {
    String[] outcome = {"signalled"};
    Thread waiting =
        new Thread(
            () -> {
              mutex.lock();
              try {
                ticked.await();
              } catch (InterruptedException e) {
                outcome[0] = "interrupted";
              } finally {
                mutex.unlock();
              }
            },
            "condition-stuck");
    waiting.start();
    Thread.sleep(5);
    waiting.interrupt();
    waiting.join();
    return outcome[0];
  }

  /** A thread blocked in lockInterruptibly while main holds the mutex, then interrupted. */
  private String stuck() throws InterruptedException {
    String[] outcome = {"acquired"};
    mutex.lock();
    try {
      Thread blocked =
          new Thread(
              () -> {
                try {
                  mutex.lockInterruptibly();
                  mutex.unlock();
                } catch (InterruptedException e) {
                  outcome[0] = "interrupted";
                }
              },
              "mutex-stuck");
      blocked.start();
      Thread.sleep(5);
      blocked.interrupt();
      blocked.join();
    } finally {
      mutex.unlock();
    }
    return outcome[0];
  }

  /** A non-reentrant lock: state 1 while held. */
  static final class Mutex extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean tryAcquire(int ignored) {
      if (compareAndSetState(0, 1)) {
        setExclusiveOwnerThread(Thread.currentThread());
        return true;
      }
      return false;
    }

    @Override
    protected boolean tryRelease(int ignored) {
      if (getState() == 0) {
        throw new IllegalMonitorStateException("not locked");
      }
      setExclusiveOwnerThread(null);
      setState(0);
      return true;
    }

    @Override
    protected boolean isHeldExclusively() {
      return getState() == 1 && getExclusiveOwnerThread() == Thread.currentThread();
    }

    void lock() {
      acquire(1);
    }

    void lockInterruptibly() throws InterruptedException {
      acquireInterruptibly(1);
    }

    boolean tryLock() {
      return tryAcquire(1);
    }

    boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
      return tryAcquireNanos(1, unit.toNanos(time));
    }

    void unlock() {
      release(1);
    }

    boolean isLocked() {
      return getState() != 0;
    }

    Condition newCondition() {
      return new ConditionObject();
    }
  }

  /** A non-reentrant lock on a long state, with conditions. */
  static final class LongMutex extends AbstractQueuedLongSynchronizer {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean tryAcquire(long ignored) {
      if (compareAndSetState(0, 1)) {
        setExclusiveOwnerThread(Thread.currentThread());
        return true;
      }
      return false;
    }

    @Override
    protected boolean tryRelease(long ignored) {
      setExclusiveOwnerThread(null);
      setState(0);
      return true;
    }

    @Override
    protected boolean isHeldExclusively() {
      return getExclusiveOwnerThread() == Thread.currentThread();
    }

    void lock() {
      acquire(1);
    }

    void unlock() {
      release(1);
    }

    Condition newCondition() {
      return new ConditionObject();
    }
  }

  /** A count-down latch on a long state: open (shared acquires succeed) at zero. */
  static final class Gate extends AbstractQueuedLongSynchronizer {
    private static final long serialVersionUID = 1L;

    Gate(long count) {
      setState(count);
    }

    @Override
    protected long tryAcquireShared(long ignored) {
      return getState() == 0 ? 1 : -1;
    }

    @Override
    protected boolean tryReleaseShared(long ignored) {
      while (true) {
        long count = getState();
        if (count == 0) {
          return false;
        }
        if (compareAndSetState(count, count - 1)) {
          return count == 1;
        }
      }
    }

    void await() throws InterruptedException {
      acquireSharedInterruptibly(1);
    }

    void countDown() {
      releaseShared(1);
    }

    long count() {
      return getState();
    }
  }
}
