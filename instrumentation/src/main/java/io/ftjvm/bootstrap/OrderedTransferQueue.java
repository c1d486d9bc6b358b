package io.ftjvm.bootstrap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A {@code LinkedTransferQueue} as application threads use it while capture is on.
 *
 * <p>The JDK's queue is lock-free: whether a put finds a waiting taker, which taker gets which
 * element, and what a read sees, are decided by compare-and-sets the agent does not order. Here the
 * same contract is kept with a {@link ReentrantLock}, a {@link Condition} and two lines ({@link
 * WaitLine}): the elements in queue order (an element given by {@code transfer} with its giver
 * waiting on it) and the takers waiting for one. The agent orders the lock and condition like the
 * application's own, so every outcome follows from the recorded lock order. Reads that hand
 * elements to the application (iteration, {@code toArray}, {@code forEach}, the bulk removals'
 * predicates, {@code drainTo}'s collection) work on a snapshot taken under the lock and run the
 * application's code outside it; the JDK's iteration is weakly consistent, which a snapshot is too.
 *
 * <p>Which queues are modelled is decided once per queue, by its first use (as for {@link
 * OrderedHandoff}). Only the JDK's own class is modelled, not subclasses (such as {@code
 * SynchronousQueue}'s internal one on Java 21 and later).
 */
public final class OrderedTransferQueue {
  private static final FirstUseModels<OrderedTransferQueue> QUEUES =
      new FirstUseModels<>(new OrderedTransferQueue(), "LinkedTransferQueue") {
        @Override
        OrderedTransferQueue create() {
          return new OrderedTransferQueue();
        }
      };

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final WaitLine elements = new WaitLine();
  private final WaitLine takers = new WaitLine();

  private OrderedTransferQueue() {}

  /** The model serving this queue, or null for the JDK's own (see {@link FirstUseModels}). */
  static OrderedTransferQueue of(Object queue) {
    return QUEUES.lookUp(queue);
  }

  /** As {@link #of(Object)}, with the first use's side given. */
  static OrderedTransferQueue of(Object queue, boolean capturing) {
    return QUEUES.decide(queue, capturing);
  }

  /** Why a blocking call ended without an element or a hand-off. */
  static final class Interrupted extends Exception {
    private static final long serialVersionUID = 1L;

    Interrupted() {
      super(null, null, false, false);
    }
  }

  /**
   * put, offer, add: hands {@code item} to the longest-waiting taker, or appends it. Always true
   * (the queue is unbounded).
   */
  boolean put(Object item) {
    lock.lock();
    try {
      if (!handToTaker(item)) {
        elements.add(item);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * transfer and tryTransfer: hands {@code item} to a waiting taker, or (with {@code nanos} other
   * than 0; negative: for ever) appends it and waits until a taker takes it. False if its time was
   * up (the element is not left in the queue).
   */
  boolean transfer(Object item, long nanos) throws Interrupted {
    lock.lock();
    try {
      if (handToTaker(item)) {
        return true;
      }
      if (nanos == 0) {
        return false;
      }
      // An interrupt is left to the condition's wait (see OrderedExchanger.exchange).
      return elements.await(item, changed, nanos) != null;
    } catch (InterruptedException e) {
      throw new Interrupted();
    } finally {
      lock.unlock();
    }
  }

  /**
   * take and poll: the first element (its giver, if waiting in transfer, is released), or (with
   * {@code nanos} other than 0; negative: for ever) the first one given while waiting. Null if the
   * time was up.
   */
  Object take(long nanos) throws Interrupted {
    lock.lock();
    try {
      WaitLine.Waiter first = elements.first();
      if (first != null) {
        first.matched = true;
        changed.signalAll();
        return first.item;
      }
      if (nanos == 0) {
        return null;
      }
      WaitLine.Waiter me = takers.await(null, changed, nanos);
      return me == null ? null : me.item;
    } catch (InterruptedException e) {
      throw new Interrupted();
    } finally {
      lock.unlock();
    }
  }

  private boolean handToTaker(Object item) {
    WaitLine.Waiter taker = takers.first();
    if (taker == null) {
      return false;
    }
    taker.item = item;
    taker.matched = true;
    changed.signalAll();
    return true;
  }

  Object peek() {
    lock.lock();
    try {
      WaitLine.Waiter first = elements.peek();
      return first == null ? null : first.item;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return elements.size();
    } finally {
      lock.unlock();
    }
  }

  int waitingTakers() {
    lock.lock();
    try {
      return takers.size();
    } finally {
      lock.unlock();
    }
  }

  boolean contains(Object o) {
    if (o == null) {
      return false;
    }
    for (Object e : snapshot()) {
      if (o.equals(e)) {
        return true;
      }
    }
    return false;
  }

  /** remove(o): the first element equal to {@code o} (a giver waiting on it is released). */
  boolean remove(Object o) {
    if (o == null) {
      return false;
    }
    Object found = null;
    for (Object e : snapshot()) {
      if (o.equals(e)) {
        found = e;
        break;
      }
    }
    return found != null && removeIdentical(found);
  }

  /** Takes out this very element, if it is still queued. */
  boolean removeIdentical(Object element) {
    lock.lock();
    try {
      if (elements.meet(element)) {
        changed.signalAll();
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * removeIf, removeAll, retainAll: the elements {@code remove} says yes to, judged on a snapshot
   * outside the lock (the predicate is the application's), then taken out if still queued.
   */
  boolean removeMatching(Predicate<Object> remove) {
    boolean changedAny = false;
    for (Object e : snapshot()) {
      if (remove.test(e) && removeIdentical(e)) {
        changedAny = true;
      }
    }
    return changedAny;
  }

  void clear() {
    lock.lock();
    try {
      while (take0() != null) {
        // every giver waiting in transfer is released, as if its element had been taken
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * drainTo: takes up to {@code max} elements in order, then adds them to {@code into} outside the
   * lock (its add is the application's).
   */
  int drainTo(Collection<Object> into, int max) {
    List<Object> taken = new ArrayList<>();
    lock.lock();
    try {
      Object e;
      while (taken.size() < max && (e = take0()) != null) {
        taken.add(e);
      }
    } finally {
      lock.unlock();
    }
    into.addAll(taken);
    return taken.size();
  }

  /** take without waiting, with the lock held: the first element or null. */
  private Object take0() {
    WaitLine.Waiter first = elements.first();
    if (first == null) {
      return null;
    }
    first.matched = true;
    changed.signalAll();
    return first.item;
  }

  /** The elements, in order, as they are now. */
  List<Object> snapshot() {
    lock.lock();
    try {
      return elements.items();
    } finally {
      lock.unlock();
    }
  }

  /** A weakly consistent iterator: a snapshot whose remove takes the element out of the queue. */
  Iterator<Object> iterator() {
    List<Object> items = snapshot();
    return new Iterator<>() {
      private int next;
      private Object last;

      @Override
      public boolean hasNext() {
        return next < items.size();
      }

      @Override
      public Object next() {
        if (next >= items.size()) {
          throw new NoSuchElementException();
        }
        last = items.get(next++);
        return last;
      }

      @Override
      public void remove() {
        if (last == null) {
          throw new IllegalStateException();
        }
        removeIdentical(last);
        last = null;
      }
    };
  }

  /** The JDK queue's characteristics, over a snapshot. */
  Spliterator<Object> spliterator() {
    return Spliterators.spliterator(
        snapshot(), Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.CONCURRENT);
  }
}
