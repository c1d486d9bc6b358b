package io.ftjvm.agent.ft;

import io.ftjvm.agent.replay.ReplayHandler;
import io.ftjvm.agent.sync.ReplayedLockOrder;
import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.IoCall;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;

/**
 * A restored process between its restore and going live. Each thread replays the log's tail while
 * it has one, its determinants written into the log again as they are replayed. A thread that has
 * replayed its tail carries on live at once (clocks, seeds, its own sockets are its own), except
 * that it takes a lock only after every acquisition of that lock the log holds has been replayed:
 * that is the one place where a live thread could get in the way of a replaying one; and it hands a
 * new connection to the program only once the whole process is live. Events that come in pairs
 * (before/after a socket operation, a lock or an atomic) finish the way they began.
 */
final class RecoveryHandler implements EventHandler {
  private final RecoveryTail tail;
  private final ReplayHandler replay;
  private final ReplayedLockOrder replayedLocks;
  private final EventHandler live;
  private final ThreadLocal<Boolean> replayedAtomic = new ThreadLocal<>();

  RecoveryHandler(
      RecoveryTail tail, ReplayHandler replay, ReplayedLockOrder replayedLocks, EventHandler live) {
    this.tail = tail;
    this.replay = replay;
    this.replayedLocks = replayedLocks;
    this.live = live;
  }

  @Override
  public long clock(ThreadState thread, int kind, long actual) {
    return tail.hasTail(thread)
        ? replay.clock(thread, kind, actual)
        : live.clock(thread, kind, actual);
  }

  @Override
  public long value(ThreadState thread, int kind, long actual) {
    return tail.hasTail(thread)
        ? replay.value(thread, kind, actual)
        : live.value(thread, kind, actual);
  }

  @Override
  public String text(ThreadState thread, int kind, String actual) {
    return tail.hasTail(thread)
        ? replay.text(thread, kind, actual)
        : live.text(thread, kind, actual);
  }

  @Override
  public void randomBytes(ThreadState thread, int kind, byte[] bytes) {
    if (tail.hasTail(thread)) {
      replay.randomBytes(thread, kind, bytes);
    } else {
      live.randomBytes(thread, kind, bytes);
    }
  }

  @Override
  public IoCall beforeIo(ThreadState thread, IoCall call) {
    if (tail.hasTail(thread)) {
      return replay.beforeIo(thread, call);
    }
    if (call.op == IoCall.ACCEPT) {
      awaitRecovered();
    }
    return live.beforeIo(thread, call);
  }

  @Override
  public void afterIo(ThreadState thread, IoCall call) {
    if (call instanceof IoCall.Replayed || thread.pending instanceof Determinant) {
      replay.afterIo(thread, call);
    } else if (tail.hasTail(thread)) {
      // Begun before the checkpoint, ended after the restore: it ends as the log says.
      replay.completeFromLog(thread, call);
    } else {
      if (call.op == IoCall.ACCEPT) {
        awaitRecovered(); // an accept under way at the checkpoint that a new client ended
      }
      live.afterIo(thread, call);
    }
  }

  /**
   * A new client is served only once the whole log is replayed: a thread that serves it live before
   * that could answer from state the replay has not rebuilt yet (a write the crash's log holds, not
   * yet applied). It waits in the listener's backlog meanwhile.
   */
  private void awaitRecovered() {
    tail.awaitLive();
  }

  @Override
  public void beforeLock(ThreadState thread, Object lock) {
    if (tail.hasTail(thread)) {
      replay.beforeLock(thread, lock);
    } else {
      awaitLoggedTurns(lock);
      live.beforeLock(thread, lock);
    }
  }

  @Override
  public int lockAcquired(ThreadState thread, Object lock) {
    if (thread.pendingLock != null || tail.hasTail(thread)) {
      return replay.lockAcquired(thread, lock);
    }
    if (loggedTurnsLeft(lock)) {
      // Held, but replaying threads still need it first: give it back and come again (the
      // caller retries on NOT_YET) rather than wait while holding it.
      tail.awaitLiveBriefly();
      return NOT_YET;
    }
    return live.lockAcquired(thread, lock);
  }

  @Override
  public int beforeTryLock(ThreadState thread, Object lock) {
    if (tail.hasTail(thread)) {
      return replay.beforeTryLock(thread, lock);
    }
    awaitLoggedTurns(lock);
    return live.beforeTryLock(thread, lock);
  }

  @Override
  public void tryLockFailed(ThreadState thread, Object lock) {
    if (tail.hasTail(thread)) {
      replay.tryLockFailed(thread, lock);
    } else {
      live.tryLockFailed(thread, lock);
    }
  }

  @Override
  public boolean beforeAtomic(ThreadState thread, Object atomic) {
    if (!replayedLocks.capturesAtomic(atomic)) {
      return false; // JDK-internal counters are not ordered, in any mode
    }
    boolean fromLog = tail.hasTail(thread);
    replayedAtomic.set(fromLog);
    if (fromLog) {
      return replay.beforeAtomic(thread, atomic);
    }
    awaitLoggedTurns(atomic);
    return live.beforeAtomic(thread, atomic);
  }

  @Override
  public void afterAtomic(ThreadState thread, Object atomic) {
    if (Boolean.TRUE.equals(replayedAtomic.get())) {
      replay.afterAtomic(thread, atomic);
    } else {
      live.afterAtomic(thread, atomic);
    }
  }

  /**
   * A blocking acquire is one step: replayed whole while the thread has a tail, else live once the
   * log's turns of that semaphore are replayed (a live acquire must not take permits a replaying
   * thread's logged acquire is owed). An acquire that was waiting when the checkpoint was taken
   * carries on live in the restored process: see docs/design.md.
   */
  @Override
  public int acquireBlocking(
      ThreadState thread, BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
    if (tail.hasTail(thread)) {
      return replay.acquireBlocking(thread, acquire, timeoutNanos, interruptible);
    }
    awaitLoggedTurns(acquire.key());
    replayedLocks.interrupts().goLive(Thread.currentThread());
    return live.acquireBlocking(thread, acquire, timeoutNanos, interruptible);
  }

  @Override
  public boolean skipsWaitLoopRead(ThreadState thread, Object sync) {
    return tail.hasTail(thread) && replay.skipsWaitLoopRead(thread, sync);
  }

  @Override
  public boolean reinterruptedAfterWait(ThreadState thread, boolean takesSight) {
    return tail.hasTail(thread) && replay.reinterruptedAfterWait(thread, takesSight);
  }

  /** A question about a synchronizer's line is one turn of it, as an atomic operation is. */
  @Override
  public long queueView(ThreadState thread, Object key) {
    if (tail.hasTail(thread)) {
      return replay.queueView(thread, key);
    }
    awaitLoggedTurns(key);
    return live.queueView(thread, key);
  }

  @Override
  public Thread[] queuedThreads(ThreadState thread, Object key, QueuedThreads question) {
    if (tail.hasTail(thread)) {
      return replay.queuedThreads(thread, key, question);
    }
    awaitLoggedTurns(key);
    return live.queuedThreads(thread, key, question);
  }

  @Override
  public Thread[] threadsListed(ThreadState thread, Thread[] alive) {
    return tail.hasTail(thread)
        ? replay.threadsListed(thread, alive)
        : live.threadsListed(thread, alive);
  }

  @Override
  public int awaitLatch(
      ThreadState thread, java.util.concurrent.CountDownLatch latch, long timeoutNanos) {
    if (tail.hasTail(thread)) {
      return replay.awaitLatch(thread, latch, timeoutNanos);
    }
    replayedLocks.interrupts().goLive(Thread.currentThread());
    return live.awaitLatch(thread, latch, timeoutNanos);
  }

  @Override
  public boolean beforeOrderedCall(ThreadState thread, Object collection) {
    if (!replayedLocks.capturesAtomic(collection)) {
      thread.rememberUnordered(collection);
      return false;
    }
    if (tail.hasTail(thread)) {
      return replay.beforeOrderedCall(thread, collection);
    }
    awaitLoggedTurns(collection);
    return live.beforeOrderedCall(thread, collection);
  }

  @Override
  public void afterOrderedCall(ThreadState thread, Object collection) {
    // Replay and the live recorder share the collection's state, and so its serial lock.
    live.afterOrderedCall(thread, collection);
  }

  /** Replayed while the thread has a tail (the step's event is in it until taken), else live. */
  @Override
  public int beforeWaitCancel(ThreadState thread, Object sync) {
    if (tail.hasTail(thread)) {
      return replay.beforeWaitCancel(thread, sync);
    }
    awaitLoggedTurns(sync);
    return live.beforeWaitCancel(thread, sync);
  }

  @Override
  public void waitCancelled(ThreadState thread, Object sync, boolean cancelled) {
    if (tail.hasTail(thread)) {
      replay.waitCancelled(thread, sync, cancelled);
    } else {
      live.waitCancelled(thread, sync, cancelled);
    }
  }

  @Override
  public long waitNanosLeft(ThreadState thread, Object sync, long actual) {
    return tail.hasTail(thread)
        ? replay.waitNanosLeft(thread, sync, actual)
        : live.waitNanosLeft(thread, sync, actual);
  }

  @Override
  public int beforeInterrupt(ThreadState thread, Thread target) {
    if (tail.hasTail(thread)) {
      return replay.beforeInterrupt(thread, target);
    }
    awaitLoggedTurns(replayedLocks.interrupts().token(target));
    return live.beforeInterrupt(thread, target);
  }

  @Override
  public void afterInterrupt(ThreadState thread, Thread target) {
    live.afterInterrupt(thread, target); // only live interrupts come back after
  }

  @Override
  public int beforeInterruptRead(ThreadState thread, Thread target, boolean clears) {
    if (tail.hasTail(thread)) {
      return replay.beforeInterruptRead(thread, target, clears);
    }
    awaitLoggedTurns(replayedLocks.interrupts().token(target));
    replayedLocks.interrupts().goLive(Thread.currentThread());
    return live.beforeInterruptRead(thread, target, clears);
  }

  @Override
  public void afterInterruptRead(
      ThreadState thread, Thread target, boolean clears, boolean result) {
    live.afterInterruptRead(thread, target, clears, result);
  }

  @Override
  public boolean interruptedHere(ThreadState thread, Object monitor) {
    if (tail.hasTail(thread)) {
      return replay.interruptedHere(thread, monitor);
    }
    replayedLocks.interrupts().goLive(Thread.currentThread());
    return live.interruptedHere(thread, monitor);
  }

  @Override
  public void interruptThrown(ThreadState thread) {
    if (!tail.hasTail(thread)) {
      live.interruptThrown(thread);
    }
  }

  @Override
  public void threadEnding(ThreadState thread) {
    if (tail.hasTail(thread)) {
      replay.threadEnding(thread);
      return;
    }
    awaitLoggedTurns(replayedLocks.interrupts().token(Thread.currentThread()));
    live.threadEnding(thread);
  }

  @Override
  public int beforeAliveRead(ThreadState thread, Thread target) {
    if (tail.hasTail(thread)) {
      return replay.beforeAliveRead(thread, target);
    }
    awaitLoggedTurns(replayedLocks.interrupts().token(target));
    return live.beforeAliveRead(thread, target);
  }

  @Override
  public void afterAliveRead(ThreadState thread, Thread target, boolean alive) {
    live.afterAliveRead(thread, target, alive);
  }

  @Override
  public Thread.State beforeStateRead(ThreadState thread, Thread target) {
    if (tail.hasTail(thread)) {
      return replay.beforeStateRead(thread, target);
    }
    awaitLoggedTurns(replayedLocks.interrupts().token(target));
    return live.beforeStateRead(thread, target);
  }

  @Override
  public void afterStateRead(ThreadState thread, Thread target, Thread.State state) {
    live.afterStateRead(thread, target, state);
  }

  @Override
  public boolean joinReturnsHere(ThreadState thread, Thread target, Object monitor) {
    if (tail.hasTail(thread)) {
      return replay.joinReturnsHere(thread, target, monitor);
    }
    return live.joinReturnsHere(thread, target, monitor);
  }

  @Override
  public void joined(ThreadState thread, Thread target) {
    if (!tail.hasTail(thread)) {
      awaitLoggedTurns(replayedLocks.interrupts().token(target));
      live.joined(thread, target);
    }
  }

  @Override
  public boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length) {
    if (tail.hasTail(thread)) {
      replay.consoleWrite(thread, bytes, offset, length);
      return true; // it reached stdout before the crash: not twice
    }
    return live.consoleWrite(thread, bytes, offset, length);
  }

  @Override
  public String taskStarts(ThreadState task) {
    return tail.hasTail(task) ? replay.taskStarts(task) : live.taskStarts(task);
  }

  @Override
  public void taskNamed(ThreadState task) {
    if (!tail.hasTail(task)) {
      live.taskNamed(task);
    }
  }

  /** Object.wait replays its wake-up turn only for threads that still have a tail. */
  @Override
  public boolean replaying() {
    ThreadState thread = AppThreads.current();
    return thread != null && tail.hasTail(thread);
  }

  @Override
  public void unsupported(ThreadState thread, String what) {
    live.unsupported(thread, what);
  }

  private boolean loggedTurnsLeft(Object lock) {
    return !tail.isLive() && replayedLocks.hasLoggedTurnsLeft(lock, tail.lockTurns());
  }

  /** Before taking a lock live (without holding it yet): let the replay use it first. */
  private void awaitLoggedTurns(Object lock) {
    while (loggedTurnsLeft(lock)) {
      tail.awaitLiveBriefly();
    }
  }
}
