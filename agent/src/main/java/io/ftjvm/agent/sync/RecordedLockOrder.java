package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.QueueView;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.WeakIdentityTable;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Record mode: each acquisition of a lock gets the next index of that lock, and the thread logs
 * (lock id, index). Ids are handed out at a lock's first acquisition, in the order locks are first
 * acquired.
 */
public final class RecordedLockOrder {
  private final WeakIdentityTable<LockState> states = new WeakIdentityTable<>();
  private final AtomicInteger nextId = new AtomicInteger(1);

  private final InterruptTokens tokens = new InterruptTokens();

  /**
   * Bumped when a restored process starts replaying the log's tail on these states: semaphore
   * acquires that were waiting at the checkpoint then go back to the (new) handler.
   */
  private volatile int epoch;

  private final RecordedInterrupts interrupts = new RecordedInterrupts(this, tokens);

  /** Interrupts and reads of interrupt flags, ordered per interrupted thread. */
  public RecordedInterrupts interrupts() {
    return interrupts;
  }

  public void acquired(ThreadStreamWriter out, Object lock) {
    LockState state = state(lock);
    if (isSynchronizer(lock) && !ObservedScope.captured(state)) {
      return;
    }
    turn(out, state, EventType.LOCK_ACQUIRE);
  }

  /**
   * Whether the condition waits on this lock are ordered (their cancels, awaitNanos's answers): it
   * is the application's.
   */
  public boolean ordersConditionWaits(Object sync) {
    return ObservedScope.captured(state(sync));
  }

  /**
   * A condition wait took itself off its queue (or tried), holding the lock: the step is a turn of
   * the lock's order, between the acquisitions of the threads that may signal it.
   */
  public void waitCancelled(ThreadStreamWriter out, Object sync) {
    turn(out, state(sync), EventType.WAIT_CANCEL);
  }

  /**
   * Takes {@code key}'s serial lock, the one its ordered operations run under, for a step that logs
   * itself only if it had an effect (a custom synchronizer's condition wait cancelling itself).
   */
  public void enterSerial(Object key) {
    ParkPermits.lock(state(key).serial);
  }

  public void exitSerial(Object key) {
    state(key).serial.unlock();
  }

  LockState state(Object key) {
    return states.computeIfAbsent(key, k -> new LockState());
  }

  /** Logs the next turn in {@code state}'s order as an event of the given type. */
  void turn(ThreadStreamWriter out, LockState state, EventType type) {
    turn(out, state, type, null);
  }

  /** As {@link #turn(ThreadStreamWriter, LockState, EventType)}, for a type that carries text. */
  void turn(ThreadStreamWriter out, LockState state, EventType type, String text) {
    int id;
    long index;
    // Usually serialised by the lock itself; the state's monitor also covers read locks, which
    // several threads hold at once.
    synchronized (state) {
      if (state.id < 0) {
        state.id = nextId.getAndIncrement();
      }
      id = state.id;
      index = state.acquisitions++;
    }
    out.channelEvent(type, id, index, text);
  }

  /** Before an operation on an atomic variable: operations on one object take turns. */
  public boolean beforeAtomic(Object atomic) {
    LockState state = state(atomic);
    if (!ObservedScope.captured(state)) {
      return false;
    }
    ParkPermits.lock(state.serial);
    return true;
  }

  /** After it: log it as that object's next acquisition, and let the next operation in. */
  public void afterAtomic(ThreadStreamWriter out, Object atomic) {
    LockState state = states.get(atomic);
    try {
      acquired(out, atomic);
      if (state.acquirersWait) {
        permitsChanged(state); // perhaps a release: blocked acquires try again
      }
    } finally {
      state.serial.unlock();
    }
  }

  /**
   * The state of a collection whose operations are ordered (see ObservedScope), or null: looked up
   * once per operation, before the thread's stream is needed (most maps an application thread
   * touches are the JDK's own, which must not even open it).
   */
  public LockState orderedState(Object collection) {
    LockState state = state(collection);
    return ObservedScope.captured(state) ? state : null;
  }

  /**
   * Before a whole operation on a concurrent collection: operations on one collection take turns,
   * and the turn is logged now, before the application code the operation may run (the keys'
   * hashCode and equals, compute functions), whose own events follow it in the thread's stream. The
   * serial lock is held until {@link #exitOrderedCall}; it is reentrant, for operations that call
   * others on the same collection. {@code state} comes from {@link #orderedState}.
   */
  public void enterOrderedCall(ThreadStreamWriter out, LockState state) {
    ParkPermits.lock(state.serial);
    try {
      turn(out, state, EventType.LOCK_ACQUIRE);
    } catch (RuntimeException | Error e) {
      state.serial.unlock();
      throw e;
    }
  }

  /** After it: the next operation on the collection may start. */
  public void exitOrderedCall(Object collection) {
    states.get(collection).serial.unlock();
  }

  /**
   * How long a blocked acquire waits before it tries again even if no ordered operation told it to:
   * permits released by a thread that is not recorded (a JDK or agent thread) bump nothing.
   */
  private static final long PERMIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /**
   * A blocking acquire (a semaphore's permits, a custom synchronizer's hold), done here instead of
   * in the JDK's queue: the real non-blocking attempt runs under the object's serial lock, the same
   * lock that orders its other operations (tryAcquire, release, availablePermits, getState), so the
   * turn logged for the taking is its real place among them. (The real blocking acquire takes its
   * permits inside the JDK, between two ordered operations of other threads, where no turn could be
   * logged.) Failed attempts are not logged (how many there are depends on timing); a timeout is
   * logged as a failed try.
   *
   * <p>As in the JDK's queue, a thread tries once on arrival (unless the object is fair and others
   * wait), then waits in the object's line, first come first, and only the first in line tries
   * again, whenever an ordered operation may have changed the object (a release), every 10 ms (for
   * permits released by threads that are not recorded), or on its timeout or interrupt. Without the
   * line every waiter tried after each release and a thread could lose to newcomers indefinitely.
   * The application's tryAcquire sees the line as the queue ({@link QueueView}): a fair
   * synchronizer asking {@code hasQueuedPredecessors} stays fair, and the view it was shown is
   * logged with the taking, for replay to show again.
   */
  public int acquireBlocking(
      ThreadStreamWriter out, BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
    Object key = acquire.key();
    LockState state = state(key);
    if (!ObservedScope.captured(state)) {
      return EventHandler.BLOCKING_REAL;
    }
    state.acquirersWait = true;
    long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
    boolean interruptedMeanwhile = false;
    boolean inLine = false;
    int startedIn = epoch;
    try {
      while (true) {
        if (epoch != startedIn) {
          // Restored from a checkpoint taken while this thread waited here: the recovery handler
          // decides (its taking may be in the log's tail). A timed acquire starts its timeout anew.
          return EventHandler.BLOCKING_AGAIN;
        }
        // As the JDK's acquire: an interrupt (pending, or come while waiting) ends it first.
        if (interruptible && Thread.interrupted()) {
          interrupts.thrown(out);
          return EventHandler.BLOCKING_INTERRUPTED;
        }
        long seen;
        ParkPermits.lock(state.serial);
        try {
          if (mayTry(state, acquire, inLine)) {
            acquire.showQueue(lineView(state, inLine));
            if (acquire.attemptInTurn(() -> taken(out, acquire))) {
              taken(out, acquire);
              if (inLine) {
                inLine = false;
                leaveLine(state); // the next one tries: a shared hold may leave room for it
              }
              return EventHandler.BLOCKING_DONE;
            }
          }
          if (!inLine) {
            joinLine(state, out.threadId(), acquire.shared());
            inLine = true;
          }
          synchronized (state) {
            seen = state.generation;
          }
        } finally {
          state.serial.unlock();
        }
        long wait = PERMIT_POLL_NANOS;
        if (timeoutNanos >= 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            tryLockFailed(out, key);
            return EventHandler.BLOCKING_TIMED_OUT;
          }
          wait = Math.min(wait, left);
        }
        try {
          synchronized (state) {
            if (state.generation == seen) {
              TimeUnit.NANOSECONDS.timedWait(state, wait);
            }
          }
        } catch (InterruptedException e) {
          if (interruptible) {
            // The wait cleared the flag: set it again, uncaptured (the guard is raised), so the
            // next round ends the acquire the way every interrupt does.
            Thread.currentThread().interrupt();
          } else {
            interruptedMeanwhile = true;
          }
        }
      }
    } finally {
      if (inLine) {
        // Timed out, interrupted, restored, or the application's tryAcquire threw.
        ParkPermits.lock(state.serial);
        try {
          leaveLine(state);
        } finally {
          state.serial.unlock();
        }
      }
      if (interruptedMeanwhile) {
        // acquireUninterruptibly keeps an interrupt for later, as the JDK's does.
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The taking is the next turn of the key's order, with the queue view the attempt asked for. */
  private void taken(ThreadStreamWriter out, BlockingAcquire acquire) {
    acquired(out, acquire.key());
    if (acquire.queueAsked()) {
      out.value(EventType.QUEUE_VIEW, acquire.queueView());
    }
  }

  /** Whether this thread may attempt now: first in line, or arriving where no fairness holds it. */
  private static boolean mayTry(LockState state, BlockingAcquire acquire, boolean inLine) {
    if (inLine) {
      return state.line.peekFirst().thread == Thread.currentThread();
    }
    return !acquire.queuesFairly() || state.line == null || state.line.isEmpty();
  }

  private static void joinLine(LockState state, String logicalId, boolean shared) {
    if (state.line == null) {
      state.line = new ArrayDeque<>();
    }
    state.line.addLast(new LineWaiter(Thread.currentThread(), logicalId, shared));
    state.contended = true;
  }

  /** Leaves the line; whoever is first now is told to try. */
  private static void leaveLine(LockState state) {
    Thread self = Thread.currentThread();
    state.line.removeIf(waiter -> waiter.thread == self);
    if (!state.line.isEmpty()) {
      permitsChanged(state);
    }
  }

  /** The line as the calling thread sees it ({@code inLine}: it waits in it). */
  private static long lineView(LockState state, boolean inLine) {
    int length = state.line == null ? 0 : state.line.size();
    boolean ahead = inLine ? state.line.peekFirst().thread != Thread.currentThread() : length > 0;
    return QueueView.of(length, state.contended, ahead);
  }

  /**
   * The application asks about the threads waiting for the object ({@code state} ordered): one turn
   * of its order, with the answer, the line's view, logged after it.
   */
  public long queueView(ThreadStreamWriter out, LockState state) {
    enterOrderedCall(out, state);
    try {
      long view = lineView(state, false);
      out.value(EventType.QUEUE_VIEW, view);
      return view;
    } finally {
      state.serial.unlock();
    }
  }

  /**
   * The application asks which threads wait for the object ({@code state} ordered): one turn of its
   * order, with the logical ids of the waiters in the answer logged after it, first come first.
   */
  public Thread[] queuedThreads(ThreadStreamWriter out, LockState state, QueuedThreads question) {
    enterOrderedCall(out, state);
    try {
      List<Thread> threads = new ArrayList<>();
      StringBuilder ids = new StringBuilder();
      if (state.line != null) {
        for (LineWaiter waiter : state.line) {
          if (question.includes(waiter.thread, waiter.shared)) {
            threads.add(waiter.thread);
            ids.append(ids.length() == 0 ? "" : " ").append(waiter.logicalId);
            if (question.firstOnly()) {
              break;
            }
          }
        }
      }
      out.text(EventType.QUEUED_THREADS, ids.toString());
      return threads.toArray(new Thread[0]);
    } finally {
      state.serial.unlock();
    }
  }

  /** Record: a latch's await, real; its timeout logged as a failed try, its interrupt as seen. */
  public int awaitLatch(ThreadStreamWriter out, CountDownLatch latch, long timeoutNanos) {
    LockState state = state(latch);
    if (!ObservedScope.captured(state)) {
      return EventHandler.BLOCKING_REAL;
    }
    try {
      if (timeoutNanos < 0) {
        latch.await();
        return EventHandler.BLOCKING_DONE;
      }
      if (latch.await(timeoutNanos, TimeUnit.NANOSECONDS)) {
        return EventHandler.BLOCKING_DONE;
      }
      tryLockFailed(out, latch);
      return EventHandler.BLOCKING_TIMED_OUT;
    } catch (InterruptedException e) {
      // The JDK read the flag (uncaptured: the guard is raised) and cleared it.
      interrupts.thrown(out);
      return EventHandler.BLOCKING_INTERRUPTED;
    }
  }

  /** Blocked acquires of this object try again. Called with the state's serial lock held. */
  private static void permitsChanged(LockState state) {
    synchronized (state) {
      state.generation++;
      state.notifyAll();
    }
  }

  public void tryLockFailed(ThreadStreamWriter out, Object lock) {
    LockState state = state(lock);
    if (!ObservedScope.captured(state)) {
      return;
    }
    int id;
    synchronized (state) {
      id = state.id;
    }
    out.channelEvent(EventType.LOCK_TRY_FAILED, id, 0, null);
  }

  /**
   * Recovery: an order that replays the log's tail on the same lock states as this recorder, so the
   * recorder carries on from where the tail left every lock.
   */
  public ReplayedLockOrder replayedOrder(int jitterMicros) {
    epoch++; // only the restoring thread writes it
    return new ReplayedLockOrder(jitterMicros, states, tokens);
  }

  /** Recovery going live: new locks get ids after every id the replayed tail used. */
  public void idsAfter(int usedId) {
    nextId.accumulateAndGet(usedId + 1, Math::max);
  }

  /** java.util.concurrent locks are identified by their synchronizer; monitors by themselves. */
  static boolean isSynchronizer(Object lock) {
    return lock instanceof java.util.concurrent.locks.AbstractQueuedSynchronizer;
  }
}
