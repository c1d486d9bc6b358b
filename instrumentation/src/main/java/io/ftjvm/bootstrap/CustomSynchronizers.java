package io.ftjvm.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * Synchronizers the application builds itself on AbstractQueuedSynchronizer or
 * AbstractQueuedLongSynchronizer. What their operations answer is decided by compare-and-sets on
 * the synchronizer's state and by which thread the JDK's queue lets try next, neither of which any
 * lock order shows. Under capture they are ordered like a Semaphore, keyed by the synchronizer:
 *
 * <ul>
 *   <li>{@code getState}, {@code setState}, {@code compareAndSetState} called by the application
 *       (its {@code tryLock}, {@code isLocked}, {@code getCount}), {@code release} and {@code
 *       releaseShared} are each one ordered operation (the application's {@code tryRelease} runs
 *       inside, its own events not captured);
 *   <li>the blocking acquires ({@code acquire}, {@code acquireShared}, their interruptible and
 *       timed forms, and the re-acquisition at the end of a condition's {@code await}) are done by
 *       the agent instead of the queue: ordered attempts of the application's {@code tryAcquire} or
 *       {@code tryAcquireShared} until one succeeds (see {@link EventHandler#acquireBlocking}).
 * </ul>
 *
 * Every change of the state is then a turn of the synchronizer's order, so replay finds the
 * recorded state at each turn. The JDK's queue no longer holds the application's threads (only
 * signalled condition waiters pass through it): they wait in the agent's line, which answers the
 * questions about the queue, a fair synchronizer's {@code hasQueuedPredecessors()} among them (see
 * {@link QueueQueries}). The JDK's own synchronizers (ReentrantLock's, Semaphore's, ...) are
 * ordered elsewhere and left alone here.
 */
public final class CustomSynchronizers {
  private static final MethodHandle TRY_ACQUIRE =
      handle(AbstractQueuedSynchronizer.class, "tryAcquire", boolean.class, int.class);
  private static final MethodHandle TRY_ACQUIRE_SHARED =
      handle(AbstractQueuedSynchronizer.class, "tryAcquireShared", int.class, int.class);
  private static final MethodHandle GET_STATE =
      handle(AbstractQueuedSynchronizer.class, "getState", int.class);
  private static final MethodHandle TRY_ACQUIRE_LONG =
      handle(AbstractQueuedLongSynchronizer.class, "tryAcquire", boolean.class, long.class);
  private static final MethodHandle TRY_ACQUIRE_SHARED_LONG =
      handle(AbstractQueuedLongSynchronizer.class, "tryAcquireShared", long.class, long.class);
  private static final MethodHandle GET_STATE_LONG =
      handle(AbstractQueuedLongSynchronizer.class, "getState", long.class);

  /** The queue's own removal of a node (waiter cleared, node cancelled, queue cleaned). */
  private static final MethodHandle CANCEL = cancelHandle(AbstractQueuedSynchronizer.class);

  private static final MethodHandle CANCEL_LONG =
      cancelHandle(AbstractQueuedLongSynchronizer.class);

  private CustomSynchronizers() {}

  /** A synchronizer of the application's (or a library's), not one of the JDK's own. */
  public static boolean isCustom(Object sync) {
    return (sync instanceof AbstractQueuedSynchronizer
            || sync instanceof AbstractQueuedLongSynchronizer)
        && sync.getClass().getClassLoader() != null
        && available(sync);
  }

  /**
   * Enter of a blocking acquire ({@code method}: acquire, acquireInterruptibly, acquireShared,
   * acquireSharedInterruptibly, tryAcquireNanos, tryAcquireSharedNanos; {@code nanos} the timed
   * forms' timeout): an {@code EventHandler.BLOCKING_} code, {@code BLOCKING_REAL} to run the
   * JDK's.
   */
  public static int acquire(Object sync, Object arg, String method, long nanos) {
    if (!isCustom(sync)) {
      return EventHandler.BLOCKING_REAL;
    }
    // An interrupt pending on entry ends an interruptible acquire before it tries, as the JDK's:
    // the agent's acquire reads the flag first.
    boolean timed = method.endsWith("Nanos");
    boolean shared = method.contains("Shared");
    boolean interruptible = timed || method.endsWith("Interruptibly");
    return SyncHooks.acquireBlocking(
        new HoldAcquire(sync, arg, shared), timed ? Math.max(0, nanos) : -1, interruptible);
  }

  /**
   * Enter of the queue's inner acquire when it re-acquires for a condition's await ({@code node}
   * its node, already moved to the synchronizer's queue by the signal): true when it was done here,
   * in the synchronizer's order, and the node taken off the queue.
   */
  public static boolean reacquire(Object sync, Object node, Object arg) {
    if (node == null || !isCustom(sync)) {
      return false;
    }
    SyncHooks.awaitSawInterrupt(sync, true);
    int decision = SyncHooks.acquireBlocking(new HoldAcquire(sync, arg, false), -1, false);
    if (decision != EventHandler.BLOCKING_DONE) {
      return false;
    }
    try {
      if (sync instanceof AbstractQueuedSynchronizer) {
        int unused = (int) CANCEL.invoke((AbstractQueuedSynchronizer) sync, node, false, false);
      } else {
        int unused =
            (int) CANCEL_LONG.invoke((AbstractQueuedLongSynchronizer) sync, node, false, false);
      }
    } catch (Throwable t) {
      AgentLog.error("could not take a re-acquired condition node off the queue", t);
    }
    return true;
  }

  /**
   * After a signal of one of its conditions, inside the signal's ordered operation: wakes the
   * threads whose nodes wait in the synchronizer's queue, which are signalled condition waiters
   * only. The JDK wakes just the first, on the next release, and a waiter behind it that parked
   * before its signal came would sleep until the one ahead is done, while its recorded turn may
   * come first (a waiter that was still spinning when signalled never parked, in the recording).
   * Woken, each goes on to its re-acquisition, which takes its turn.
   */
  public static void wakeSignalled(Object sync) {
    java.util.Collection<Thread> queued =
        sync instanceof AbstractQueuedSynchronizer aqs
            ? aqs.getQueuedThreads()
            : ((AbstractQueuedLongSynchronizer) sync).getQueuedThreads();
    for (Thread waiter : queued) {
      LockSupport.unpark(waiter);
    }
  }

  /** Whether the agent reached what it calls on this kind of synchronizer. */
  private static boolean available(Object sync) {
    return sync instanceof AbstractQueuedSynchronizer
        ? TRY_ACQUIRE != null && TRY_ACQUIRE_SHARED != null && GET_STATE != null && CANCEL != null
        : TRY_ACQUIRE_LONG != null
            && TRY_ACQUIRE_SHARED_LONG != null
            && GET_STATE_LONG != null
            && CANCEL_LONG != null;
  }

  /** One hold of a custom synchronizer: the application's tryAcquire or tryAcquireShared. */
  private static final class HoldAcquire extends BlockingAcquire {
    private final Object sync;
    private final Object arg;
    private final boolean shared;

    HoldAcquire(Object sync, Object arg, boolean shared) {
      super(sync);
      this.sync = sync;
      this.arg = arg;
      this.shared = shared;
    }

    @Override
    public boolean shared() {
      return shared;
    }

    @Override
    public boolean attempt() {
      try {
        if (sync instanceof AbstractQueuedSynchronizer aqs) {
          int n = ((Number) arg).intValue();
          return shared
              ? (int) TRY_ACQUIRE_SHARED.invokeExact(aqs, n) >= 0
              : (boolean) TRY_ACQUIRE.invokeExact(aqs, n);
        }
        AbstractQueuedLongSynchronizer aqls = (AbstractQueuedLongSynchronizer) sync;
        long n = ((Number) arg).longValue();
        return shared
            ? (long) TRY_ACQUIRE_SHARED_LONG.invokeExact(aqls, n) >= 0
            : (boolean) TRY_ACQUIRE_LONG.invokeExact(aqls, n);
      } catch (Throwable t) {
        throw new ApplicationThrew(t); // so does the acquire that called it
      }
    }

    @Override
    public String what() {
      return (shared ? "a shared hold (" : "a hold (")
          + arg
          + ") of a "
          + sync.getClass().getName();
    }

    @Override
    public String found() {
      try {
        Object state =
            sync instanceof AbstractQueuedSynchronizer aqs
                ? (Object) (int) GET_STATE.invokeExact(aqs)
                : (Object) (long) GET_STATE_LONG.invokeExact((AbstractQueuedLongSynchronizer) sync);
        return "its state " + state;
      } catch (Throwable t) {
        return "its state unreadable (" + t + ")";
      }
    }
  }

  private static MethodHandle handle(
      Class<?> owner, String name, Class<?> returns, Class<?>... parameters) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findVirtual(owner, name, MethodType.methodType(returns, parameters));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error(
          "cannot reach "
              + owner.getSimpleName()
              + "."
              + name
              + ": synchronizers built on it are"
              + " not ordered",
          e);
      return null;
    }
  }

  private static MethodHandle cancelHandle(Class<?> owner) {
    try {
      Class<?> node = Class.forName(owner.getName() + "$Node", false, null);
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findVirtual(
              owner,
              "cancelAcquire",
              MethodType.methodType(int.class, node, boolean.class, boolean.class))
          .asType(
              MethodType.methodType(int.class, owner, Object.class, boolean.class, boolean.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error(
          "cannot reach "
              + owner.getSimpleName()
              + ".cancelAcquire: synchronizers built on it are"
              + " not ordered",
          e);
      return null;
    }
  }

  /** Loads and links what the hooks use (see Hooks.preload). */
  static void preload() {
    isCustom(new Object());
  }
}
