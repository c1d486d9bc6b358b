package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.WeakIdentityTable;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.ThreadStreamWriter;
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

  LockState state(Object key) {
    return states.computeIfAbsent(key, k -> new LockState());
  }

  /** Logs the next turn in {@code state}'s order as an event of the given type. */
  void turn(ThreadStreamWriter out, LockState state, EventType type) {
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
    out.channelEvent(type, id, index, null);
  }

  /** Before an operation on an atomic variable: operations on one object take turns. */
  public boolean beforeAtomic(Object atomic) {
    LockState state = state(atomic);
    if (!ObservedScope.captured(state)) {
      return false;
    }
    state.serial.lock();
    return true;
  }

  /** After it: log it as that object's next acquisition, and let the next operation in. */
  public void afterAtomic(ThreadStreamWriter out, Object atomic) {
    LockState state = states.get(atomic);
    try {
      acquired(out, atomic);
    } finally {
      state.serial.unlock();
    }
  }

  /**
   * Before a whole operation on a concurrent collection: operations on one collection take turns,
   * and the turn is logged now, before the application code the operation may run (the keys'
   * hashCode and equals, compute functions), whose own events follow it in the thread's stream. The
   * serial lock is held until {@link #exitOrderedCall}; it is reentrant, for operations that call
   * others on the same collection.
   */
  /** Whether operations on this object are ordered (see ObservedScope). */
  public boolean observes(Object object) {
    return ObservedScope.captured(state(object));
  }

  public boolean enterOrderedCall(ThreadStreamWriter out, Object collection) {
    LockState state = state(collection);
    if (!ObservedScope.captured(state)) {
      return false;
    }
    state.serial.lock();
    try {
      turn(out, state, EventType.LOCK_ACQUIRE);
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
