package io.ftjvm.testapps.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.function.Function;

/**
 * Fair synchronizers and questions about their queues, the last part of {@link PermitsAndLatches}:
 * three workers each take a fair lock the program builds on {@link AbstractQueuedSynchronizer} (its
 * tryAcquire refuses while {@code hasQueuedPredecessors()}) and a fair {@link Semaphore} of one
 * permit, N times, noting their id in each one's order of holders and holding it 20 µs, so the
 * others queue up; a watcher reads how many threads wait for each ({@code getQueueLength()}, {@code
 * hasQueuedThreads()}) and which ({@code getFirstQueuedThread()}, {@code getQueuedThreads()}) until
 * the workers are done. The orders and what is read depend on timing; a fair lock's holders follow
 * the order in which they began to wait. First, a step whose answers do not depend on timing: two
 * threads block, one on the semaphore and one on the lock, both held by the main thread, which asks
 * which threads wait once it sees one on each.
 *
 * <pre>
 * fair known waiters=fair-known-permit/fair-known-lock/true (the semaphore's waiters, the lock's
 *   first waiter, whether that thread is queued on the lock)
 * fair lock order=&lt;worker ids, one per hold&gt;
 * fair semaphore order=&lt;worker ids, one per permit taken&gt;
 * fair queues seen=&lt;lock queue length/semaphore queue length/lock has queued threads, per change&gt;
 * fair waiters seen=&lt;lock's first waiter (- if none)/semaphore's waiters, per change&gt;
 * </pre>
 */
final class FairQueues {
  private static final int WORKERS = 3;

  private final FairLock lock = new FairLock();
  private final WatchedSemaphore permit = new WatchedSemaphore();
  private final StringBuilder lockOrder = new StringBuilder(); // guarded by lock
  private final StringBuilder permitOrder = new StringBuilder(); // guarded by permit

  private FairQueues() {}

  static void run(int rounds) throws InterruptedException {
    new FairQueues().go(rounds);
  }

  private void go(int rounds) throws InterruptedException {
    System.out.println("fair known waiters=" + knownWaiters());
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int id = w;
      workers.add(new Thread(() -> work(id, rounds), "fair-worker-" + w));
    }
    AtomicBoolean done = new AtomicBoolean();
    StringBuilder seen = new StringBuilder();
    StringBuilder waiters = new StringBuilder();
    Thread watcher = new Thread(() -> watch(done, seen, waiters), "fair-watcher");
    watcher.start();
    for (Thread t : workers) {
      t.start();
    }
    for (Thread t : workers) {
      t.join();
    }
    done.set(true);
    watcher.join();
    System.out.println("fair lock order=" + lockOrder);
    System.out.println("fair semaphore order=" + permitOrder);
    System.out.println("fair queues seen=" + seen);
    System.out.println("fair waiters seen=" + waiters);
  }

  /**
   * The main thread holds the permit and the lock while one thread waits for each, and asks which
   * threads wait. Gives up after 10 s (a queue that never shows its waiter), saying so.
   */
  private String knownWaiters() throws InterruptedException {
    permit.acquireUninterruptibly();
    lock.lock();
    Thread permitWaiter =
        new Thread(
            () -> {
              permit.acquireUninterruptibly();
              permit.release();
            },
            "fair-known-permit");
    Thread lockWaiter =
        new Thread(
            () -> {
              lock.lock();
              lock.unlock();
            },
            "fair-known-lock");
    permitWaiter.start();
    lockWaiter.start();
    String answer = "never saw both waiting";
    for (int i = 0; i < 10_000; i++) {
      if (permit.getQueueLength() == 1 && lock.getQueueLength() == 1) {
        Thread first = lock.getFirstQueuedThread();
        answer =
            permit.waiters(t -> t.getName(), ",")
                + "/"
                + (first == null ? "-" : first.getName())
                + "/"
                + lock.isQueued(lockWaiter);
        break;
      }
      Thread.sleep(1);
    }
    permit.release();
    lock.unlock();
    permitWaiter.join();
    lockWaiter.join();
    return answer;
  }

  private void work(int id, int rounds) {
    try {
      for (int r = 0; r < rounds; r++) {
        lock.lock();
        try {
          lockOrder.append(id);
          Thread.sleep(0, 20_000); // held a while, so the others queue up
        } finally {
          lock.unlock();
        }
        permit.acquireUninterruptibly();
        try {
          permitOrder.append(id);
          Thread.sleep(0, 20_000);
        } finally {
          permit.release();
        }
      }
    } catch (InterruptedException e) {
      lockOrder.append(" interrupted");
    }
  }

  private void watch(AtomicBoolean done, StringBuilder seen, StringBuilder waiters) {
    String last = "";
    String lastWaiters = "";
    while (!done.get()) {
      String now =
          lock.getQueueLength() + "/" + permit.getQueueLength() + "/" + lock.hasQueuedThreads();
      if (!now.equals(last)) {
        seen.append(last.isEmpty() ? "" : ",").append(now);
        last = now;
      }
      String nowWaiters =
          workerId(lock.getFirstQueuedThread()) + "/" + permit.waiters(FairQueues::workerId, "");
      if (!nowWaiters.equals(lastWaiters)) {
        waiters.append(lastWaiters.isEmpty() ? "" : ",").append(nowWaiters);
        lastWaiters = nowWaiters;
      }
      try {
        Thread.sleep(0, 200_000);
      } catch (InterruptedException e) {
        seen.append(" interrupted");
        return;
      }
    }
  }

  /** A worker's id from its thread's name, or "-" for none. */
  private static String workerId(Thread t) {
    return t == null ? "-" : t.getName().substring(t.getName().lastIndexOf('-') + 1);
  }

  /** A fair semaphore of one permit that tells which threads wait for it. */
  static final class WatchedSemaphore extends Semaphore {
    private static final long serialVersionUID = 1L;

    WatchedSemaphore() {
      super(1, true);
    }

    /** The waiting threads, each as {@code naming} gives it, in the collection's order. */
    String waiters(Function<Thread, String> naming, String separator) {
      StringBuilder waiters = new StringBuilder();
      for (Thread t : getQueuedThreads()) {
        waiters.append(waiters.length() == 0 ? "" : separator).append(naming.apply(t));
      }
      return waiters.toString();
    }
  }

  /** A non-reentrant lock that lets no thread ahead of those already waiting. */
  static final class FairLock extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean tryAcquire(int ignored) {
      if (hasQueuedPredecessors() || !compareAndSetState(0, 1)) {
        return false;
      }
      setExclusiveOwnerThread(Thread.currentThread());
      return true;
    }

    @Override
    protected boolean tryRelease(int ignored) {
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
  }
}
