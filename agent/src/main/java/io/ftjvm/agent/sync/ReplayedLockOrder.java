package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.QueueView;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.bootstrap.TurnWait;
import io.ftjvm.bootstrap.WeakIdentityTable;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Replay mode: every lock is acquired in the order recorded for it. A thread's next recorded
 * acquisition says which lock (logical id) and which index; the thread may take the lock only when
 * that lock has been acquired exactly index times. Locks are named by their recorded first
 * acquirer, so two runs agree on which object is which lock.
 */
public final class ReplayedLockOrder {
  private final WeakIdentityTable<LockState> states;
  private final Map<String, String> waiting = new ConcurrentHashMap<>();

  /** The threads that reached a blocking acquire, by logical id: what a recorded line names. */
  private final LineThreads waiters = new LineThreads();

  private final int jitterMicros;

  /** How long a wait the recording never saw end pauses between its real timeouts. */
  private static final long END_OF_RECORDING_PAUSE_MILLIS = 10;

  private final ReplayedInterrupts interrupts;

  public ReplayedLockOrder(int jitterMicros) {
    this(jitterMicros, new WeakIdentityTable<>(), new InterruptTokens());
  }

  ReplayedLockOrder(int jitterMicros, WeakIdentityTable<LockState> states, InterruptTokens tokens) {
    this.jitterMicros = jitterMicros;
    this.states = states;
    this.interrupts = new ReplayedInterrupts(this, tokens);
  }

  /** Interrupts and reads of interrupt flags, in their recorded order per interrupted thread. */
  public ReplayedInterrupts interrupts() {
    return interrupts;
  }

  /**
   * Takes the thread's next recorded event, of the given type, as a turn in {@code key}'s order,
   * once its turn has come. Waiting, it releases {@code monitor} if not null (it holds it).
   */
  void takeTurn(ThreadCursor cursor, ThreadState thread, Object key, EventType type, Object monitor)
      throws InterruptedException {
    jitter();
    Determinant expected = cursor.peek();
    if (expected == null || expected.type() != type) {
      cursor.expect(type.displayName(), type); // reports what the recording has instead
    }
    LockState state = state(key);
    while (true) {
      synchronized (state) {
        if (isTurn(cursor, thread, state, expected, key)) {
          cursor.expect(type.displayName(), type);
          state.acquisitions++;
          state.notifyAll();
          break;
        }
        noteWaiting(thread, expected, state);
        if (monitor == null) {
          TurnWait.await(state, 50);
          continue;
        }
      }
      // The recorded thread did not hold the monitor while it waited for this turn.
      TurnWait.await(monitor, 10);
    }
    waiting.remove(thread.logicalId());
  }

  /**
   * Takes the thread's next recorded event as a turn in {@code key}'s order if it is of the given
   * type and its turn has come; otherwise leaves it and answers false. A thread waiting to make a
   * recorded acquisition (its event already taken from the cursor) has that acquisition next, not
   * what the cursor shows: a read of its flag inside the acquisition (lockInterruptibly's own
   * check) answered false when recorded, since the acquisition went through.
   */
  boolean tryTakeTurn(ThreadCursor cursor, ThreadState thread, Object key, EventType type) {
    if (thread.pendingLock != null) {
      return false;
    }
    Determinant next = cursor.peek();
    if (next == null || next.type() != type) {
      return false;
    }
    LockState state = state(key);
    synchronized (state) {
      if (!isTurn(cursor, thread, state, next, key)) {
        return false;
      }
      cursor.expect(type.displayName(), type);
      state.acquisitions++;
      state.notifyAll();
      return true;
    }
  }

  /** A recorded acquisition a thread is about to make, and whether it is counted as waiting. */
  private static final class Pending {
    final Determinant recorded;
    LockState waitingOn;

    Pending(Determinant recorded) {
      this.recorded = recorded;
    }
  }

  /** The thread holds the lock: take its turn if it is its turn, else answer NOT_YET. */
  public int acquired(ThreadCursor cursor, ThreadState thread, Object lock) {
    if (!observed(lock)) {
      return EventHandler.TURN_TAKEN;
    }
    Pending pending = pending(cursor, thread, lock);
    Determinant expected = pending.recorded;
    LockState state = state(lock);
    synchronized (state) {
      if (isTurn(cursor, thread, state, expected, lock)) {
        state.acquisitions++;
        if (pending.waitingOn != null) {
          pending.waitingOn.waiting--;
        }
        thread.pendingLock = null;
        waiting.remove(thread.logicalId());
        state.notifyAll();
        return state.waiting > 0 ? EventHandler.TURN_TAKEN_WAKE_OTHERS : EventHandler.TURN_TAKEN;
      }
      if (pending.waitingOn == null) {
        // Counted until its turn comes, so whoever takes a turn on this lock wakes it.
        pending.waitingOn = state;
        state.waiting++;
      }
    }
    noteWaiting(thread, expected, state);
    return EventHandler.NOT_YET;
  }

  /** Before taking a lock that can be waited for without holding it: wait for the turn. */
  public void awaitTurn(ThreadCursor cursor, ThreadState thread, Object lock) {
    if (!observed(lock)) {
      return;
    }
    awaitTurnOf(cursor, thread, lock, pending(cursor, thread, lock).recorded);
    // The acquisition itself is counted in acquired(), once the lock is really held.
  }

  /**
   * Waits until {@code expected}, the thread's next recorded turn in {@code key}'s order, is due.
   */
  private void awaitTurnOf(
      ThreadCursor cursor, ThreadState thread, Object key, Determinant expected) {
    LockState state = state(key);
    // An interrupted thread (a pool worker after shutdown) must still wait for its turn: its
    // interrupt is set again once the turn came, not while waiting, where wait() would throw at
    // once and the thread would spin on the state's monitor, starving the thread whose turn it is.
    boolean interrupted = false;
    synchronized (state) {
      state.waiting++;
      try {
        while (!isTurn(cursor, thread, state, expected, key)) {
          noteWaiting(thread, expected, state);
          try {
            TurnWait.await(state, 50);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        state.waiting--;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    waiting.remove(thread.logicalId());
  }

  /**
   * A condition wait on {@code sync} is about to take itself off the queue (see ConditionWaits): if
   * the recorded one did so here, waits for that step's turn ({@link #waitCancelled} counts it,
   * once the lock is held) and answers {@link EventHandler#CANCEL_IN_TURN}; if it did not (it was
   * signalled, or its interrupt is not delivered yet), answers {@link
   * EventHandler#CANCEL_NOT_HERE}, and the wait goes on.
   */
  public int beforeWaitCancel(ThreadCursor cursor, ThreadState thread, Object sync)
      throws InterruptedException {
    if (!observed(sync)) {
      return EventHandler.CANCEL_REAL;
    }
    Determinant next = cursor.peek();
    if (next == null || next.type() != EventType.WAIT_CANCEL) {
      if (next == null) {
        // The recording ends while this thread still waits: it never timed out. Wait on, gently.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(END_OF_RECORDING_PAUSE_MILLIS));
      }
      return EventHandler.CANCEL_NOT_HERE;
    }
    awaitTurnOf(cursor, thread, sync, next);
    return EventHandler.CANCEL_IN_TURN;
  }

  /**
   * The step ran in its turn, with the lock held: the turn is taken. Every signal recorded before
   * it has been replayed, so it must have cancelled the wait, as it did when recorded.
   */
  public void waitCancelled(ThreadCursor cursor, ThreadState thread, Object sync, boolean cancelled)
      throws InterruptedException {
    if (!cancelled) {
      throw cursor.diverged(
          "a " + sync.getClass().getName() + " condition wait cancels itself (it timed out)",
          "a signal reached the wait first",
          "a signal from a thread that is not recorded, or a data race");
    }
    takeTurn(cursor, thread, sync, EventType.WAIT_CANCEL, null);
  }

  /** What the recorded {@code awaitNanos} of a condition of {@code sync} answered. */
  public long waitNanosLeft(ThreadCursor cursor, Object sync, long actual) {
    if (!observed(sync)) {
      return actual;
    }
    return cursor.expect("returns from Condition.awaitNanos", EventType.WAIT_NANOS).value();
  }

  /**
   * Recovery: whether the log still holds acquisitions of this lock that have not been replayed
   * ({@code loggedTurns}: lock id to the number of acquisitions the log holds). A thread that has
   * replayed its own tail must not take such a lock live before they are. A lock no one has named
   * yet is not held back.
   */
  public boolean hasLoggedTurnsLeft(Object lock, Map<Integer, Long> loggedTurns) {
    LockState state = states.get(lock);
    if (state == null) {
      return false;
    }
    synchronized (state) {
      Long turns = state.id < 0 ? null : loggedTurns.get(state.id);
      return turns != null && state.acquisitions < turns;
    }
  }

  /**
   * Before a whole operation on a concurrent collection, whose turn was logged at its start: wait
   * for the turn, take the collection's serial lock (the operation before it may still be running,
   * as it was still holding the lock when recorded), and only then count the turn, so the next
   * operation cannot start before this one has the lock.
   */
  public boolean enterOrderedCall(ThreadCursor cursor, ThreadState thread, Object collection) {
    awaitTurn(cursor, thread, collection);
    LockState state = state(collection);
    ParkPermits.lock(state.serial);
    try {
      if (acquired(cursor, thread, collection) == EventHandler.NOT_YET) {
        throw cursor.diverged(
            "its turn on a " + collection.getClass().getName(),
            "lost it while taking the collection's lock",
            null);
      }
    } catch (RuntimeException | Error e) {
      state.serial.unlock();
      throw e;
    }
    return true;
  }

  /** After it: the next operation on the collection may start. */
  public void exitOrderedCall(Object collection) {
    states.get(collection).serial.unlock();
  }

  /** Whether operations on this atomic variable are ordered (as they were when recorded). */
  public boolean capturesAtomic(Object atomic) {
    return ObservedScope.captured(state(atomic));
  }

  /** Monitors are always ordered; java.util.concurrent locks when the application uses them. */
  private boolean observed(Object lock) {
    return !RecordedLockOrder.isSynchronizer(lock) || ObservedScope.captured(state(lock));
  }

  /** tryLock: fail as recorded, or wait for the turn of the acquisition that succeeded. */
  public int beforeTryLock(ThreadCursor cursor, ThreadState thread, Object lock) {
    if (!observed(lock)) {
      return EventHandler.TRY_REAL;
    }
    Determinant next = cursor.peek();
    if (next != null && next.type() == EventType.LOCK_TRY_FAILED) {
      cursor.expect("tries a lock", EventType.LOCK_TRY_FAILED);
      return EventHandler.TRY_FAIL;
    }
    awaitTurn(cursor, thread, lock);
    return EventHandler.TRY_ACQUIRE;
  }

  /**
   * A blocking acquire (a semaphore's permits, a custom synchronizer's hold), as recorded:
   * interrupted (after that interrupt's turn), timed out (at once: a timeout changes nothing, so
   * nothing waits for it), or taken in the recorded turn, where the attempt must succeed since
   * every operation before it in the object's order has been replayed. The attempt is shown the
   * queue view the recorded one was shown, if it asked (a fair synchronizer's tryAcquire).
   */
  public int acquireBlocking(
      ThreadCursor cursor,
      ThreadState thread,
      BlockingAcquire acquire,
      boolean timed,
      boolean interruptible)
      throws InterruptedException {
    Object key = acquire.key();
    if (!ObservedScope.captured(state(key))) {
      return EventHandler.BLOCKING_REAL;
    }
    waiters.arrived(thread.logicalId());
    if (interruptible && interrupts.interruptedHere(cursor, thread, null)) {
      return EventHandler.BLOCKING_INTERRUPTED;
    }
    if (timed && timedOut(cursor)) {
      return EventHandler.BLOCKING_TIMED_OUT;
    }
    awaitTurn(cursor, thread, key);
    acquire.showQueue(recordedView(cursor, "shows a synchronizer's queue to its tryAcquire"));
    if (!acquire.attemptInTurn(() -> acquired(cursor, thread, key))) {
      LockState state = state(key);
      throw cursor.diverged(
          "acquisition #"
              + ((Pending) thread.pendingLock).recorded.value()
              + " of lock "
              + state.id
              + ": "
              + acquire.what(),
          "found " + acquire.found() + " at that turn",
          "released by a thread that is not recorded, or a data race");
    }
    acquired(cursor, thread, key);
    return EventHandler.BLOCKING_DONE;
  }

  /** The view logged after a turn taken (see RecordedLockOrder.taken), consumed; else none. */
  private static long recordedView(ThreadCursor cursor, String what) {
    Determinant next = cursor.peek();
    if (next == null || next.type() != EventType.QUEUE_VIEW) {
      return QueueView.of(0, false, false);
    }
    return cursor.expect(what, EventType.QUEUE_VIEW).value();
  }

  /**
   * The application asks about the threads waiting for {@code key}: its turn, then the answer
   * recorded (the line it asked about was record's, which replay does not rebuild).
   */
  public long queueView(ThreadCursor cursor, ThreadState thread, Object key)
      throws InterruptedException {
    if (!ObservedScope.captured(state(key))) {
      return QueueView.NOT_ANSWERED;
    }
    takeTurn(cursor, thread, key, EventType.LOCK_ACQUIRE, null);
    return cursor
        .expect(
            "asks about the threads waiting for a " + key.getClass().getName(),
            EventType.QUEUE_VIEW)
        .value();
  }

  /**
   * The application asks which threads wait for {@code key}: its turn, then the threads that carry
   * the recorded ids. Each of them was in the recorded line, so it reaches its acquire in replay
   * too (before its own taking, a later turn of the same order); the answer waits until it has.
   */
  public Thread[] queuedThreads(
      ThreadCursor cursor, ThreadState thread, Object key, QueuedThreads question)
      throws InterruptedException {
    if (!ObservedScope.captured(state(key))) {
      return null;
    }
    takeTurn(cursor, thread, key, EventType.LOCK_ACQUIRE, null);
    String ids =
        cursor
            .expect(
                "asks which threads wait for a " + key.getClass().getName(),
                EventType.QUEUED_THREADS)
            .text();
    if (ids == null || ids.isEmpty()) {
      return new Thread[0];
    }
    String[] names = ids.split(" ");
    Thread[] threads = new Thread[names.length];
    for (int i = 0; i < names.length; i++) {
      threads[i] = waiters.await(names[i], thread, key, waiting);
    }
    if (question.asksAboutOtherThan(threads[0])) {
      throw cursor.diverged(
          "isQueued asked about thread " + names[0] + ", waiting for a " + key.getClass().getName(),
          "asked about another thread (" + question.askedName() + ")",
          "the asking thread chose which thread to ask about differently: a data race");
    }
    return threads;
  }

  /**
   * A latch's await, as recorded: interrupted or timed out without waiting, or else the real,
   * untimed await (the recorded one returned because the count reached zero, which the ordered
   * countDowns bring about in replay too).
   */
  public int awaitLatch(
      ThreadCursor cursor, ThreadState thread, CountDownLatch latch, boolean timed)
      throws InterruptedException {
    if (!ObservedScope.captured(state(latch))) {
      return EventHandler.BLOCKING_REAL;
    }
    if (interrupts.interruptedHere(cursor, thread, null)) {
      return EventHandler.BLOCKING_INTERRUPTED;
    }
    if (timed && timedOut(cursor)) {
      return EventHandler.BLOCKING_TIMED_OUT;
    }
    latch.await(); // replay never sets the real flag: it is not interrupted here
    return EventHandler.BLOCKING_DONE;
  }

  /** The thread's next recorded event is a timeout (a failed try): consumes it. */
  private static boolean timedOut(ThreadCursor cursor) {
    Determinant next = cursor.peek();
    if (next == null || next.type() != EventType.LOCK_TRY_FAILED) {
      return false;
    }
    cursor.expect("times out", EventType.LOCK_TRY_FAILED);
    return true;
  }

  private LockState state(Object key) {
    return states.computeIfAbsent(key, k -> new LockState());
  }

  /** Threads waiting for a turn, with what they wait for (for stall reports). */
  public Map<String, String> waitingThreads() {
    return waiting;
  }

  private Pending pending(ThreadCursor cursor, ThreadState thread, Object lock) {
    if (thread.pendingLock == null) {
      jitter();
      thread.pendingLock =
          new Pending(
              cursor.expect(
                  "acquires the lock of a " + lock.getClass().getName(), EventType.LOCK_ACQUIRE));
    }
    return (Pending) thread.pendingLock;
  }

  private static boolean isTurn(
      ThreadCursor cursor, ThreadState thread, LockState state, Determinant expected, Object lock) {
    int recordedId = expected.channel();
    long index = expected.value();
    if (state.id < 0 && index == 0) {
      state.id = recordedId; // this thread is the lock's recorded first acquirer
    }
    if (state.id >= 0 && state.id != recordedId) {
      throw cursor.diverged(
          "acquisition #" + index + " of lock " + recordedId,
          "acquires a different lock (lock " + state.id + ", a " + lock.getClass().getName() + ")",
          "the threads reached their locks in another order than recorded: the program may have a data race");
    }
    if (state.id == recordedId && state.acquisitions > index) {
      throw cursor.diverged(
          "acquisition #" + index + " of lock " + recordedId,
          "acquires it after acquisition #" + (state.acquisitions - 1) + " already happened",
          "the program may have a data race");
    }
    return state.id == recordedId && state.acquisitions == index;
  }

  private void noteWaiting(ThreadState thread, Determinant expected, LockState state) {
    waiting.put(
        thread.logicalId(),
        "thread "
            + thread.logicalId()
            + " waits for acquisition #"
            + expected.value()
            + " of lock "
            + expected.channel()
            + " (the lock is at #"
            + state.acquisitions
            + ")");
  }

  /** Scheduling noise for tests: a short random pause before some lock events. */
  private void jitter() {
    if (jitterMicros > 0 && ThreadLocalRandom.current().nextBoolean()) {
      ParkPermits.pause(ThreadLocalRandom.current().nextLong(jitterMicros * 1000L + 1));
    }
  }
}
