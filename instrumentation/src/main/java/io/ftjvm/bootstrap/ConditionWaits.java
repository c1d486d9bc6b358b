package io.ftjvm.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * The two things a timed or interruptible {@code Condition} wait decides by itself, which the
 * reacquisition after it (an ordered lock event) does not show.
 *
 * <p><b>Taking itself off the queue.</b> A wait that timed out or saw an interrupt clears its
 * node's waiting bit; a signal clears the same bit to move the node to the lock's queue. Whichever
 * comes first wins: the wait is cancelled (it times out or throws InterruptedException), or it was
 * signalled (it returns normally; the signal was not passed to the next waiter). The signaller
 * holds the lock, the cancelling thread does not, so no lock order shows which came first. Here the
 * cancelling thread takes the lock around that one bit operation and, if the wait was cancelled,
 * logs it as a turn of the lock's order ({@code WAIT_CANCEL}); an attempt a signal beat is not
 * logged (whether it was made at all depends on when the signal came). Replay makes the same
 * attempt in the same turn, whatever the real clock says: a wait the recording saw signalled does
 * not cancel itself when replay's real timeout elapses first, it keeps waiting for the signal,
 * which comes in its recorded turn.
 *
 * <p><b>What awaitNanos answers.</b> The nanoseconds left, from the real clock: callers such as
 * {@code LinkedBlockingQueue.poll(timeout)} decide on it whether to wait again or give up. It is a
 * determinant ({@code WAIT_NANOS}).
 *
 * <p>The conditions handled are those of the JDK's own exclusive locks (ReentrantLock, the write
 * lock of a ReentrantReadWriteLock), whose one hold is acquire(1), and those of a synchronizer the
 * application built on AbstractQueuedSynchronizer (see CustomSynchronizers). Taking such a lock
 * would need to know what one hold is, which the application defines for itself; instead its
 * signals are ordered operations on the synchronizer, and the step is ordered among them.
 */
public final class ConditionWaits {
  /** AbstractQueuedSynchronizer.Node.status: the bit the wait and the signal race for. */
  private static final VarHandle STATUS =
      statusHandle("java.util.concurrent.locks.AbstractQueuedSynchronizer$Node");

  /** The package-private classes whose nodes {@link #LONG_STATUS} reaches. */
  private static final String LONG_NODES =
      "java.util.concurrent.locks.AbstractQueuedLongSynchronizer$";

  /** The same in AbstractQueuedLongSynchronizer's nodes (only custom synchronizers have them). */
  private static final VarHandle LONG_STATUS =
      statusHandle("java.util.concurrent.locks.AbstractQueuedLongSynchronizer$Node");

  /** AbstractQueuedSynchronizer.tryAcquire(int): one attempt, without queueing. */
  private static final MethodHandle TRY_ACQUIRE = tryAcquireHandle();

  /** How long the cancelling step pauses between two attempts to take the lock. */
  private static final long LOCK_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

  /** How long a replayed wait that must not cancel here pauses before its loop looks again. */
  private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  private ConditionWaits() {}

  /**
   * Replaces {@code node.getAndUnsetStatus(bits)} in the await methods of a condition of {@code
   * sync}: the cancelling step. Returns the node's status before, as the replaced call does.
   */
  public static int cancel(Object node, int bits, Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || !ordered(sync)) {
      return unset(node, bits);
    }
    int decision;
    // (Custom synchronizers: the record handler takes the serial lock here; waitCancelled, which
    // every CANCEL_IN_TURN reaches, lets it go.)
    thread.guard++;
    try {
      decision = Hooks.handler().beforeWaitCancel(thread, sync);
    } catch (Throwable t) {
      AgentLog.error("condition wait capture failed before cancelling", t);
      decision = EventHandler.CANCEL_REAL;
    } finally {
      thread.guard--;
    }
    switch (decision) {
      case EventHandler.CANCEL_IN_TURN:
        return CustomSynchronizers.isCustom(sync)
            ? cancelInOrder(thread, sync, node, bits)
            : cancelHoldingLock(thread, (AbstractQueuedSynchronizer) sync, node, bits);
      case EventHandler.CANCEL_NOT_HERE:
        // The recorded wait did not cancel itself here: it was signalled, or it saw an interrupt
        // the replay has not delivered yet. Answer "already signalled"; the JDK's loop looks again
        // (a pause, not a spin: the signal or the interrupt comes in another thread's turn).
        thread.guard++;
        try {
          LockSupport.parkNanos(RETRY_NANOS);
        } finally {
          thread.guard--;
        }
        return 0;
      default:
        return unset(node, bits);
    }
  }

  /**
   * Takes the lock without joining its queue: a signal may move this thread's condition node into
   * that queue meanwhile, and a second node of the same thread queued behind it would wait for it
   * forever (seen as three consumers of a LinkedBlockingQueue parked for good). A signal that comes
   * first leaves nothing to cancel.
   */
  private static int cancelHoldingLock(
      ThreadState thread, AbstractQueuedSynchronizer aqs, Object node, int bits) {
    thread.guard++;
    try {
      while (!tryAcquire(aqs)) {
        int status = (int) STATUS.getVolatile(node);
        if ((status & bits) == 0) {
          cancelled(thread, aqs, false);
          return status;
        }
        LockSupport.parkNanos(LOCK_RETRY_NANOS);
      }
      try {
        int before = unset(node, bits);
        cancelled(thread, aqs, (before & bits) != 0);
        return before;
      } finally {
        aqs.release(1);
      }
    } finally {
      thread.guard--;
    }
  }

  /**
   * A custom synchronizer's wait: its signals are ordered operations on it, and the step is ordered
   * among them by the handler (record: under the same serial lock, taken by beforeWaitCancel and
   * let go by waitCancelled; replay: in its turn), so it needs no lock of its own.
   */
  private static int cancelInOrder(ThreadState thread, Object sync, Object node, int bits) {
    int before = 0;
    thread.guard++;
    try {
      before = unset(node, bits);
    } finally {
      cancelled(thread, sync, (before & bits) != 0); // always: record lets the serial lock go
      thread.guard--;
    }
    return before;
  }

  private static void cancelled(ThreadState thread, Object sync, boolean cancelled) {
    try {
      Hooks.handler().waitCancelled(thread, sync, cancelled);
    } catch (Throwable t) {
      AgentLog.error("condition wait capture failed after cancelling", t);
    }
  }

  private static boolean tryAcquire(AbstractQueuedSynchronizer aqs) {
    try {
      return (boolean) TRY_ACQUIRE.invokeExact(aqs, 1);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Replaces the check of the interrupt flag on entry to an await method of a condition of {@code
   * sync}. For an application thread on an ordered lock it answers false and leaves the flag: the
   * wait's loop sees the interrupt at once, cancels the wait in order and throws
   * InterruptedException, as the JDK would have on entry (it releases and re-takes the lock
   * meanwhile, as when an interrupt comes just after entry). A recording says that a thread saw an
   * interrupt, not which read saw it; with one place to see it, replay cannot pick the other.
   */
  public static boolean interruptedOnEntry(Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || !ordered(sync)) {
      return Thread.interrupted();
    }
    return false;
  }

  /**
   * Replaces the other reads of the interrupt flag in the await methods of a condition of {@code
   * sync}: those of the wait's loop, made each time round. Their number depends on timing: the park
   * inside the loop looks at the flag too (without clearing it), and a loop that finds itself
   * signalled after such a look ends without reading again, the flag still set. Replay must then
   * not read it either (it would answer true, and the JDK would interrupt the thread again at the
   * end of a wait that, when recorded, returned quietly): the handler says when (see {@link
   * EventHandler#skipsWaitLoopRead}), and the read answers false after a short pause, the loop
   * looking again until the signal comes in its turn. Found by a scheduled pool worker whose replay
   * interrupted itself where the recording went on to its next task. The JDK's locks log their
   * re-acquisition when the await returns, after that second interrupt; a custom synchronizer's is
   * logged inside the await, before it: the handler looks at the events that follow accordingly.
   */
  public static boolean interruptedInLoop(Object sync) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || !ordered(sync)) {
      return Thread.interrupted();
    }
    boolean skip;
    thread.guard++;
    try {
      skip = Hooks.handler().skipsWaitLoopRead(thread, sync);
      if (skip) {
        LockSupport.parkNanos(RETRY_NANOS);
      }
    } catch (Throwable t) {
      AgentLog.error("condition wait capture failed before reading the interrupt flag", t);
      skip = false;
    } finally {
      thread.guard--;
    }
    return !skip && Thread.interrupted();
  }

  /** After {@code awaitNanos} of a condition of {@code sync} returned {@code left}. */
  public static long nanosLeft(Object sync, long left) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || !ordered(sync)) {
      return left;
    }
    thread.guard++;
    try {
      return Hooks.handler().waitNanosLeft(thread, sync, left);
    } catch (Throwable t) {
      AgentLog.error("condition wait capture failed after awaitNanos", t);
      return left;
    } finally {
      thread.guard--;
    }
  }

  /** Whether the cancelling step can be replaced: the agent could reach the nodes' status. */
  public static boolean available() {
    return STATUS != null && TRY_ACQUIRE != null;
  }

  /**
   * A condition of one of the JDK's exclusive locks, whose one hold is acquire(1), or of a
   * synchronizer the application built (see CustomSynchronizers), whose signals are ordered.
   */
  static boolean ordered(Object sync) {
    if (!available()) {
      return false;
    }
    String name = sync.getClass().getName();
    return name.startsWith("java.util.concurrent.locks.ReentrantLock$")
        || name.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")
        || (CustomSynchronizers.isCustom(sync)
            && (sync instanceof AbstractQueuedSynchronizer || LONG_STATUS != null));
  }

  private static int unset(Object node, int bits) {
    VarHandle status = node.getClass().getName().startsWith(LONG_NODES) ? LONG_STATUS : STATUS;
    return (int) status.getAndBitwiseAnd(node, ~bits);
  }

  private static MethodHandle tryAcquireHandle() {
    try {
      return MethodHandles.privateLookupIn(AbstractQueuedSynchronizer.class, MethodHandles.lookup())
          .findVirtual(
              AbstractQueuedSynchronizer.class,
              "tryAcquire",
              MethodType.methodType(boolean.class, int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot try locks: timed condition waits are not ordered", e);
      return null;
    }
  }

  private static VarHandle statusHandle(String nodeClass) {
    try {
      Class<?> node = Class.forName(nodeClass, false, null);
      return MethodHandles.privateLookupIn(node, MethodHandles.lookup())
          .findVarHandle(node, "status", int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot reach condition nodes: timed condition waits are not ordered", e);
      return null;
    }
  }

  /** Loads and links what the hooks use (see Hooks.preload). */
  static void preload() {
    ordered(new Object());
  }
}
