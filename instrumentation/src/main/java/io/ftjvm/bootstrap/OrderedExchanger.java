package io.ftjvm.bootstrap;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@code Exchanger} as application threads use it while capture is on.
 *
 * <p>The JDK's exchange is lock-free: which two threads meet, when more than two come, is decided
 * by compare-and-sets on its slot (and, under contention, on an arena of slots) that the agent does
 * not order. Here the same contract (a thread that finds another waiting takes its object and gives
 * it its own; otherwise it waits for one, unless interrupted or its time is up) is kept with a
 * {@link ReentrantLock} and a {@link Condition}, which the agent orders like the application's own:
 * who met whom follows from the recorded lock order. At most one thread waits at a time: the next
 * to come meets it.
 *
 * <p>Which exchangers are modelled is decided once per exchanger, by its first use (as for {@link
 * OrderedHandoff}): two worlds never share one.
 */
public final class OrderedExchanger {
  /** What a modelled exchange did; {@code null} from the hooks means "run the JDK's method". */
  public static final class Outcome {
    static final Outcome TIMED_OUT = new Outcome(null);
    static final Outcome INTERRUPTED = new Outcome(null);

    /** What the partner gave (may be null: null is a legal object to exchange). */
    final Object received;

    private Outcome(Object received) {
      this.received = received;
    }
  }

  private static final FirstUseModels<OrderedExchanger> EXCHANGERS =
      new FirstUseModels<>(new OrderedExchanger(), "Exchanger") {
        @Override
        OrderedExchanger create() {
          return new OrderedExchanger();
        }
      };

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final WaitLine waiting = new WaitLine();

  private OrderedExchanger() {}

  /** The model serving this exchanger, or null for the JDK's own (see {@link FirstUseModels}). */
  static OrderedExchanger of(Object exchanger) {
    return EXCHANGERS.lookUp(exchanger);
  }

  /** As {@link #of(Object)}, with the first use's side given. */
  static OrderedExchanger of(Object exchanger, boolean capturing) {
    return EXCHANGERS.decide(exchanger, capturing);
  }

  /**
   * exchange: meets the waiting thread, or waits for a partner for up to {@code nanos} (negative:
   * for ever). An interrupt matters only to a thread that must wait. Called without the guard: the
   * lock's events are the application's.
   */
  Outcome exchange(Object mine, long nanos) {
    lock.lock();
    try {
      WaitLine.Waiter partner = waiting.first();
      if (partner != null) {
        Object theirs = partner.item;
        partner.item = mine;
        partner.matched = true;
        changed.signalAll();
        return new Outcome(theirs);
      }
      // An interrupt is left to the condition's wait, which sees it in order (ConditionWaits). A
      // check here could not be replayed: the wait's own reads may be the ones that saw it.
      if (nanos == 0) {
        return Outcome.TIMED_OUT;
      }
      WaitLine.Waiter me = waiting.await(mine, changed, nanos);
      return me != null ? new Outcome(me.item) : Outcome.TIMED_OUT;
    } catch (InterruptedException e) {
      return Outcome.INTERRUPTED;
    } finally {
      lock.unlock();
    }
  }

  /** Threads waiting for a partner (for tests). */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }
}
