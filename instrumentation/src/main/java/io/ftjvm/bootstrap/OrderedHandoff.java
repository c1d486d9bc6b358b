package io.ftjvm.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code SynchronousQueue} as application threads use it while capture is on.
 *
 * <p>The JDK's hand-off is lock-free: whether {@code offer} finds a waiting taker, and which taker
 * gets which element, is decided by compare-and-sets the agent does not order. A cached thread pool
 * ({@code Executors.newCachedThreadPool}) hands every task over one, so which worker ran which
 * task, and whether a new worker was started, differed between a recording and its replay. Here the
 * same contract (an element passes only from a giver to a taker that meet; FIFO, which the unfair
 * queue allows too) is kept with a {@link ReentrantLock} and a {@link Condition}, which the agent
 * orders like the application's own: the outcome of every hand-off follows from the recorded lock
 * order.
 *
 * <p>Which queues are modelled is decided once per queue, by its first use: by an application
 * thread under capture, modelled for good (every later caller, captured or not, meets its peers
 * here); otherwise the JDK's own. Two worlds never share a queue.
 */
public final class OrderedHandoff {
  /** What a modelled call did; {@code null} from the hooks means "run the JDK's method". */
  public static final class Outcome {
    static final Outcome GIVEN = new Outcome(null);
    static final Outcome NOT_GIVEN = new Outcome(null);
    static final Outcome NOTHING = new Outcome(null);
    static final Outcome INTERRUPTED = new Outcome(null);

    final Object item;

    private Outcome(Object item) {
      this.item = item;
    }
  }

  private static final FirstUseModels<OrderedHandoff> QUEUES =
      new FirstUseModels<>(new OrderedHandoff(), "SynchronousQueue") {
        @Override
        OrderedHandoff create() {
          return new OrderedHandoff();
        }
      };

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final WaitLine givers = new WaitLine();
  private final WaitLine takers = new WaitLine();

  private OrderedHandoff() {}

  /** The model serving this queue, or null for the JDK's own (see {@link FirstUseModels}). */
  static OrderedHandoff of(Object queue) {
    return QUEUES.lookUp(queue);
  }

  /** As {@link #of(Object)}, with the first use's side given. */
  static OrderedHandoff of(Object queue, boolean capturing) {
    return QUEUES.decide(queue, capturing);
  }

  /**
   * put / offer: hands {@code item} to a waiting taker, or waits for one for up to {@code nanos}
   * (negative: for ever; 0: not at all). Called without the guard: the lock's events are the
   * application's.
   */
  Outcome give(Object item, long nanos, boolean interruptedOnEntry) {
    if (interruptedOnEntry && Thread.interrupted()) {
      return Outcome.INTERRUPTED;
    }
    lock.lock();
    try {
      WaitLine.Waiter taker = takers.first();
      if (taker != null) {
        taker.item = item;
        taker.matched = true;
        changed.signalAll();
        return Outcome.GIVEN;
      }
      if (nanos == 0) {
        return Outcome.NOT_GIVEN;
      }
      return givers.await(item, changed, nanos) != null ? Outcome.GIVEN : Outcome.NOT_GIVEN;
    } catch (InterruptedException e) {
      return Outcome.INTERRUPTED;
    } finally {
      lock.unlock();
    }
  }

  /** take / poll: takes a waiting giver's item, or waits for one as {@link #give} does. */
  Outcome take(long nanos, boolean interruptedOnEntry) {
    if (interruptedOnEntry && Thread.interrupted()) {
      return Outcome.INTERRUPTED;
    }
    lock.lock();
    try {
      WaitLine.Waiter giver = givers.first();
      if (giver != null) {
        giver.matched = true;
        changed.signalAll();
        return new Outcome(giver.item);
      }
      if (nanos == 0) {
        return Outcome.NOTHING;
      }
      WaitLine.Waiter me = takers.await(null, changed, nanos);
      return me != null ? new Outcome(me.item) : Outcome.NOTHING;
    } catch (InterruptedException e) {
      return Outcome.INTERRUPTED;
    } finally {
      lock.unlock();
    }
  }

  /** Threads waiting to take (for tests: a giver can then be sure to meet one). */
  int takersWaiting() {
    lock.lock();
    try {
      return takers.size();
    } finally {
      lock.unlock();
    }
  }

  /** Threads waiting to give. */
  int giversWaiting() {
    lock.lock();
    try {
      return givers.size();
    } finally {
      lock.unlock();
    }
  }

  /** Nanoseconds of a timed call, 0 or more (the JDK clamps a negative timeout the same way). */
  static long nanos(long timeout, TimeUnit unit) {
    return Math.max(0, unit.toNanos(timeout));
  }
}
