package io.ftjvm.bootstrap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * Threads waiting in an ordered model for a partner to meet ({@link OrderedHandoff}, {@link
 * OrderedExchanger}, {@link OrderedTransferQueue}), in the order they came; in a queue's model,
 * also the elements nobody waits for. Used only with the model's lock held; the waits are on the
 * model's condition, so their outcomes (met, timed out, interrupted) are the condition's, which the
 * agent records and replays.
 */
final class WaitLine {
  /** A waiting thread: what it brings, and, once a partner met it, what it takes away. */
  static final class Waiter {
    Object item;
    boolean matched;

    Waiter(Object item) {
      this.item = item;
    }
  }

  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

  /** The longest-waiting thread, taken out of the line, or null. */
  Waiter first() {
    return waiting.pollFirst();
  }

  int size() {
    return waiting.size();
  }

  /** The first in line, left in it, or null. */
  Waiter peek() {
    return waiting.peekFirst();
  }

  /** Joins the line without waiting: an element put into a queue. */
  void add(Object item) {
    waiting.addLast(new Waiter(item));
  }

  /** The items of the line, in its order. */
  List<Object> items() {
    List<Object> items = new ArrayList<>(waiting.size());
    for (Waiter w : waiting) {
      items.add(w.item);
    }
    return items;
  }

  /**
   * Takes the waiter whose item is this very object out of the line, as if a partner met it (a
   * giver waiting on it returns): true if there was one.
   */
  boolean meet(Object item) {
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.item == item) {
        it.remove();
        w.matched = true;
        return true;
      }
    }
    return false;
  }

  /**
   * Joins the line with {@code item} and waits on {@code changed} (its lock held) until a partner
   * meets it: true; or its time is up ({@code nanos}, negative: never): false, and it leaves the
   * line. Interrupted before a meeting, it leaves and throws; a meeting that came first wins, and
   * the interrupt is kept for the caller, as the JDK's synchronizers do.
   */
  Waiter await(Object item, Condition changed, long nanos) throws InterruptedException {
    Waiter me = new Waiter(item);
    waiting.addLast(me);
    long left = nanos;
    try {
      while (!me.matched) {
        if (nanos < 0) {
          changed.await();
        } else if (left <= 0) {
          waiting.remove(me);
          return null;
        } else {
          left = changed.awaitNanos(left);
        }
      }
      return me;
    } catch (InterruptedException e) {
      if (me.matched) {
        Thread.currentThread().interrupt();
        return me;
      }
      waiting.remove(me);
      throw e;
    }
  }
}
