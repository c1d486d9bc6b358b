package io.ftjvm.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * Entry points for synchronisation: monitors (synchronized blocks and methods), Object.wait,
 * java.util.concurrent locks and conditions. Every acquisition by an application thread is an event
 * ordered per lock. Replay enforces that order: a thread that got a monitor out of its recorded
 * turn gives it back for a moment (wait) until its turn comes, one that returned from a condition's
 * await out of turn releases the lock until its turn, and a thread about to take a
 * java.util.concurrent lock waits for its turn first.
 */
public final class SyncHooks {
  private SyncHooks() {}

  /** After monitorenter, and at the start of a synchronized method. */
  public static void monitorEntered(Object monitor) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || monitor == null) {
      return;
    }
    thread.guard++;
    try {
      takeMonitorTurn(thread, monitor);
    } finally {
      thread.guard--;
    }
  }

  /** Replaces {@code Object.wait()}, {@code wait(long)} and {@code wait(long, int)} call sites. */
  public static void monitorWait(Object monitor, long millis, int nanos)
      throws InterruptedException {
    ThreadState thread = Hooks.capturing();
    if (thread == null
        || millis < 0
        || nanos < 0
        || nanos > 999_999
        || !Thread.holdsLock(monitor)) {
      monitor.wait(millis, nanos); // the JDK reports misuse exactly as without the agent
      return;
    }
    if (Hooks.handler().replaying()) {
      // The recorded run woke at a given turn of this monitor (after an interrupt, if it was
      // interrupted: then it waits for that first, with the monitor released): return at that turn.
      boolean interrupted = InterruptHooks.interruptedHere(monitor);
      thread.guard++;
      try {
        takeMonitorTurn(thread, monitor);
      } finally {
        thread.guard--;
      }
      if (interrupted) {
        throw new InterruptedException();
      }
      return;
    }
    InterruptedException interrupted = null;
    try {
      monitor.wait(millis, nanos);
    } catch (InterruptedException e) {
      interrupted = e;
      InterruptHooks.interruptThrown();
    }
    thread.guard++;
    try {
      Hooks.handler().lockAcquired(thread, monitor);
    } catch (Throwable t) {
      AgentLog.error("lock capture failed after wait", t);
    } finally {
      thread.guard--;
    }
    if (interrupted != null) {
      throw interrupted;
    }
  }

  public static void monitorWait(Object monitor) throws InterruptedException {
    monitorWait(monitor, 0, 0);
  }

  public static void monitorWait(Object monitor, long millis) throws InterruptedException {
    monitorWait(monitor, millis, 0);
  }

  private static void takeMonitorTurn(ThreadState thread, Object monitor) {
    boolean interrupted = false;
    while (true) {
      int turn;
      try {
        turn = Hooks.handler().lockAcquired(thread, monitor);
      } catch (Throwable t) {
        AgentLog.error("lock capture failed", t);
        break;
      }
      if (turn == EventHandler.TURN_TAKEN_WAKE_OTHERS) {
        monitor.notifyAll();
      }
      if (turn != EventHandler.NOT_YET) {
        break;
      }
      try {
        TurnWait.await(monitor, 10); // give the monitor to the thread whose turn it is
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Before {@code lock()}: the call cannot be interrupted (see {@link
   * ThreadState#uninterruptible}); {@link #afterUninterruptibleLock} must follow.
   */
  public static void beforeUninterruptibleLock(Object sync) {
    beforeLock(sync);
    enterUninterruptible();
  }

  public static void afterUninterruptibleLock(Object sync, Throwable thrown) {
    exitUninterruptible();
    if (thrown == null) {
      lockAcquired(sync);
    }
  }

  /**
   * Around a synchronizer's acquisition that cannot be interrupted (see {@link
   * ThreadState#uninterruptible}): true when entered, then {@link #exitUninterruptible} must
   * follow.
   */
  public static boolean enterUninterruptible() {
    ThreadState thread = AppThreads.current();
    if (thread == null) {
      return false;
    }
    thread.uninterruptible++;
    return true;
  }

  public static void exitUninterruptible() {
    ThreadState thread = AppThreads.current();
    if (thread != null && thread.uninterruptible > 0) {
      thread.uninterruptible--;
    }
  }

  /** Before a java.util.concurrent lock is taken ({@code sync} is its synchronizer). */
  public static void beforeLock(Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return;
    }
    thread.guard++;
    try {
      Hooks.handler().beforeLock(thread, sync);
    } catch (Throwable t) {
      AgentLog.error("lock capture failed before locking", t);
    } finally {
      thread.guard--;
    }
  }

  /** After a java.util.concurrent lock was taken. */
  public static void lockAcquired(Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return;
    }
    thread.guard++;
    try {
      Hooks.handler().lockAcquired(thread, sync);
    } catch (Throwable t) {
      AgentLog.error("lock capture failed", t);
    } finally {
      thread.guard--;
    }
  }

  /**
   * Enter of a tryLock on {@code lock} (whose synchronizer is {@code sync}): the handler's
   * decision; when it is {@link EventHandler#TRY_ACQUIRE} the lock is taken here and the real call
   * skipped.
   */
  public static int beforeTryLock(Object lock, Object sync) {
    int decision = beforeTryLock(sync);
    if (decision == EventHandler.TRY_ACQUIRE) {
      lockQuietly(lock);
    }
    return decision;
  }

  /** Exit of a tryLock: what it returns, as decided or as it really happened (then logged). */
  public static boolean afterTryLock(
      int decision, Object sync, boolean acquired, Throwable thrown) {
    if (decision == EventHandler.TRY_FAIL) {
      return false;
    }
    if (decision == EventHandler.TRY_ACQUIRE) {
      lockAcquired(sync);
      return true;
    }
    if (thrown == null) {
      if (acquired) {
        lockAcquired(sync);
      } else {
        tryLockFailed(sync);
      }
    }
    return acquired;
  }

  /** Before a tryLock: see {@link EventHandler#beforeTryLock}. */
  private static int beforeTryLock(Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return EventHandler.TRY_REAL;
    }
    thread.guard++;
    try {
      return Hooks.handler().beforeTryLock(thread, sync);
    } catch (Throwable t) {
      AgentLog.error("lock capture failed before tryLock", t);
      return EventHandler.TRY_REAL;
    } finally {
      thread.guard--;
    }
  }

  /**
   * Takes the lock without capture (replay of a tryLock that succeeded when recorded): a {@link
   * Lock}, or a bare synchronizer used as one (a ThreadPoolExecutor worker).
   */
  public static void lockQuietly(Object lock) {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.guard++;
    }
    try {
      if (lock instanceof Lock) {
        ((Lock) lock).lock();
      } else {
        ((AbstractQueuedSynchronizer) lock).acquire(1);
      }
    } finally {
      if (thread != null) {
        thread.guard--;
      }
    }
  }

  private static void tryLockFailed(Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return;
    }
    thread.guard++;
    try {
      Hooks.handler().tryLockFailed(thread, sync);
    } catch (Throwable t) {
      AgentLog.error("lock capture failed after tryLock", t);
    } finally {
      thread.guard--;
    }
  }

  /**
   * After a Condition.await ended ({@code thrown}: what it threw, or null). If it returned, or
   * threw InterruptedException, it has re-acquired its lock ({@code sync}): an ordered event.
   */
  public static void conditionAwaitEnded(Object sync, Condition condition, Throwable thrown) {
    if (CustomSynchronizers.isCustom(sync)) {
      // Its re-acquisition was a turn already (CustomSynchronizers.reacquire); the JDK's second
      // interrupt, if the recorded wait ended with one, comes after it.
      if (thrown == null) {
        awaitSawInterrupt(sync, false);
      }
      return;
    }
    if (thrown == null || thrown instanceof InterruptedException) {
      conditionReacquired(sync, condition, thrown == null);
    }
  }

  /** {@code returned}: the await returned rather than threw InterruptedException. */
  private static void conditionReacquired(Object sync, Condition condition, boolean returned) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return;
    }
    if (returned) {
      interruptedAfterSignal(thread, sync, true);
    }
    thread.guard++;
    boolean interrupted = false;
    try {
      while (true) {
        int turn = Hooks.handler().lockAcquired(thread, sync);
        if (turn != EventHandler.NOT_YET) {
          break;
        }
        if (sync instanceof AbstractQueuedSynchronizer aqs && SynchronizerRelease.available()) {
          // Give the lock to the thread whose turn it is and wait for this thread's turn outside
          // the condition's queue: waiting in it could take a signal meant for a real waiter.
          int saved = SynchronizerRelease.releaseFully(aqs);
          try {
            Hooks.handler().beforeLock(thread, sync);
          } finally {
            SynchronizerRelease.reacquire(aqs, saved);
          }
          continue;
        }
        try {
          condition.await(10, TimeUnit.MILLISECONDS); // let the thread whose turn it is go first
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (Throwable t) {
      AgentLog.error("lock capture failed after await", t);
    } finally {
      thread.guard--;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Replay: an await that returned normally but, when recorded, saw an interrupt inside (it was
   * signalled and interrupted at about the same time: the JDK then returns and interrupts the
   * thread again, or, if the park's look saw it, returns with the flag still set). Whether the
   * JDK's own loop reads the flag before it finds itself signalled depends on timing, so replay
   * reproduces the outcome at the await's end: it takes the recorded sight (after the interrupt's
   * turn), then, if the recorded JDK did, interrupts the thread again, an event of its own, before
   * the re-acquisition's turn (see the handler's reinterruptedAfterWait). In record the handler
   * answers false. The await holds the lock again by now, which the recorded thread did not while
   * it saw the interrupt: it is let go while the thread waits for the interrupt's turn.
   */
  private static void interruptedAfterSignal(ThreadState thread, Object sync, boolean takesSight) {
    boolean saw;
    thread.guard++;
    try {
      if (thread.uninterruptible != 0 || !Hooks.handler().replaying()) {
        saw = false;
      } else if (sync instanceof AbstractQueuedSynchronizer aqs
          && !CustomSynchronizers.isCustom(sync)
          && SynchronizerRelease.available()) {
        int saved = SynchronizerRelease.releaseFully(aqs);
        try {
          saw = Hooks.handler().reinterruptedAfterWait(thread, takesSight);
        } finally {
          SynchronizerRelease.reacquire(aqs, saved);
        }
      } else {
        saw = Hooks.handler().reinterruptedAfterWait(thread, takesSight);
      }
    } catch (Throwable t) {
      AgentLog.error("interrupt replay failed after await", t);
      saw = false;
    } finally {
      thread.guard--;
    }
    if (saw) {
      Thread.currentThread().interrupt(); // guard lowered: the recorded self-interrupt, in turn
    }
  }

  /**
   * A custom synchronizer's condition wait, replayed: before its re-acquisition (the thread holds
   * nothing), a sight of an interrupt that the recorded wait made and the replayed one did not is
   * taken in its turn, the flag left set; after its return, the JDK's second interrupt, if the
   * recording has it next (see the handler's reinterruptedAfterWait).
   */
  static void awaitSawInterrupt(Object sync, boolean beforeReacquiring) {
    ThreadState thread = Hooks.capturing();
    if (thread != null) {
      interruptedAfterSignal(thread, sync, beforeReacquiring);
    }
  }

  /**
   * Before an operation on an atomic variable. Returns true when it is captured; the guard then
   * stays raised until {@link #afterAtomic}, so the operation's own inner calls are not events.
   */
  public static boolean beforeAtomic(Object atomic) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return false;
    }
    thread.guard++;
    boolean captured = false;
    try {
      captured = Hooks.handler().beforeAtomic(thread, atomic);
    } catch (Throwable t) {
      AgentLog.error("atomic capture failed before the operation", t);
    }
    if (!captured) {
      thread.guard--;
    }
    return captured;
  }

  public static void afterAtomic(boolean captured, Object atomic) {
    if (!captured) {
      return;
    }
    ThreadState thread = AppThreads.current();
    try {
      Hooks.handler().afterAtomic(thread, atomic);
    } catch (Throwable t) {
      AgentLog.error("atomic capture failed after the operation", t);
    } finally {
      thread.guard--;
    }
  }

  /**
   * Before a whole operation on a ConcurrentHashMap (or one of its views or iterators, {@code map}
   * being the map). Returns true when it is ordered; {@link #afterOrderedCall} must then follow.
   * The guard is lowered again at once: the keys' hashCode and equals and the compute and merge
   * functions are application code, whose events are captured as usual.
   */
  public static boolean beforeOrderedCall(Object map) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || map == null || thread.knownUnordered(map)) {
      return false;
    }
    thread.guard++;
    try {
      return Hooks.handler().beforeOrderedCall(thread, map);
    } catch (Throwable t) {
      AgentLog.error("ordering failed before a concurrent map operation", t);
      return false;
    } finally {
      thread.guard--;
    }
  }

  /**
   * Enter of a blocking Semaphore acquire ({@code unit} null: untimed): an {@code
   * EventHandler.BLOCKING_} code. Anything but {@link EventHandler#BLOCKING_REAL} means the handler
   * did the acquire and the real method is skipped; {@link #blockingReturn} and {@link
   * #blockingThrown} then say how it ends. The real method keeps the calls it must refuse itself (a
   * negative count, no unit) and the semaphores the application does not use.
   */
  public static int acquirePermits(
      Object semaphore,
      int permits,
      long timeout,
      TimeUnit unit,
      boolean timed,
      boolean interruptible) {
    if (permits < 0 || (timed && unit == null)) {
      return EventHandler.BLOCKING_REAL;
    }
    return acquireBlocking(
        new PermitsAcquire((Semaphore) semaphore, permits),
        timed ? Math.max(0, unit.toNanos(timeout)) : -1,
        interruptible);
  }

  /**
   * A blocking acquire done by the handler ({@code timeoutNanos < 0}: untimed): an {@code
   * EventHandler.BLOCKING_} code, {@link EventHandler#BLOCKING_REAL} when this thread is not
   * captured or the object is not the application's.
   */
  static int acquireBlocking(BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return EventHandler.BLOCKING_REAL;
    }
    thread.guard++;
    thread.attempting = acquire;
    try {
      int decision;
      do {
        decision = Hooks.handler().acquireBlocking(thread, acquire, timeoutNanos, interruptible);
      } while (decision == EventHandler.BLOCKING_AGAIN);
      return decision;
    } catch (BlockingAcquire.ApplicationThrew e) {
      thread.thrownInAcquire = e.getCause();
      return EventHandler.BLOCKING_THREW;
    } catch (Throwable t) {
      AgentLog.error("blocking acquire capture failed", t);
      return EventHandler.BLOCKING_REAL;
    } finally {
      thread.attempting = null;
      thread.guard--;
    }
  }

  /**
   * A question about the threads waiting for {@code key} asked by application code: the handler's
   * view of its line ({@link QueueView}), or a negative number when the key is not ordered or this
   * thread is not captured (the JDK's method answers).
   */
  static long queueView(Object key) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return QueueView.NOT_ANSWERED;
    }
    thread.guard++;
    try {
      return Hooks.handler().queueView(thread, key);
    } catch (Throwable t) {
      AgentLog.error("capture of a question about a synchronizer's queue failed", t);
      return QueueView.NOT_ANSWERED;
    } finally {
      thread.guard--;
    }
  }

  static Thread[] queuedThreads(Object key, QueuedThreads question) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return null;
    }
    thread.guard++;
    try {
      return Hooks.handler().queuedThreads(thread, key, question);
    } catch (Throwable t) {
      AgentLog.error("capture of a question about which threads wait for a synchronizer failed", t);
      return null;
    } finally {
      thread.guard--;
    }
  }

  public static void afterOrderedCall(boolean ordered, Object map) {
    if (!ordered) {
      return;
    }
    ThreadState thread = AppThreads.current();
    thread.guard++;
    try {
      Hooks.handler().afterOrderedCall(thread, map);
    } catch (Throwable t) {
      AgentLog.error("ordering failed after a concurrent map operation", t);
    } finally {
      thread.guard--;
    }
  }

  /** Enter of {@code CountDownLatch.await} ({@code timed}: with a timeout); as acquirePermits. */
  public static int awaitLatch(Object latch, long timeout, TimeUnit unit, boolean timed) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || (timed && unit == null)) {
      return EventHandler.BLOCKING_REAL;
    }
    thread.guard++;
    try {
      return Hooks.handler()
          .awaitLatch(
              thread, (CountDownLatch) latch, timed ? Math.max(0, unit.toNanos(timeout)) : -1);
    } catch (Throwable t) {
      AgentLog.error("latch capture failed", t);
      return EventHandler.BLOCKING_REAL;
    } finally {
      thread.guard--;
    }
  }

  /** Exit of a blocking acquire or await that returns a boolean: what it returns. */
  public static boolean blockingReturn(int decision, boolean result) {
    return decision == EventHandler.BLOCKING_REAL ? result : decision == EventHandler.BLOCKING_DONE;
  }

  /** Exit of a blocking acquire or await: what it throws. */
  public static Throwable blockingThrown(int decision, Throwable thrown) {
    if (decision == EventHandler.BLOCKING_THREW) {
      ThreadState thread = AppThreads.current();
      Throwable applications = thread.thrownInAcquire;
      thread.thrownInAcquire = null;
      return applications;
    }
    return decision == EventHandler.BLOCKING_INTERRUPTED ? new InterruptedException() : thrown;
  }

  /** A virtual thread is being created by the application. */
  public static void virtualThreadCreated() {
    ThreadState thread = Hooks.capturing();
    if (thread != null) {
      thread.guard++;
      try {
        Hooks.handler()
            .unsupported(
                thread,
                "virtual threads are not supported by this version of ftjvm: their scheduling"
                    + " cannot be recorded or replayed yet (use platform threads)");
      } finally {
        thread.guard--;
      }
    }
  }
}
