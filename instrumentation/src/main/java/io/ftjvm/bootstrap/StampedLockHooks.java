package io.ftjvm.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;

/**
 * StampedLock is lock-free: what {@code validate} answers, and which waiting writer or reader gets
 * the lock, is decided by compare-and-sets on its state. Under capture every non-blocking operation
 * is one ordered call on the lock (OrderedCallAdvice), and the blocking acquires are done here
 * instead, as a loop of those ordered {@code tryWriteLock()}/{@code tryReadLock()} calls with a
 * pause between attempts. Every change of the lock's state is then an ordered call, so replay sees
 * the same state at each turn, each attempt answers as recorded, and the loop runs the recorded
 * number of rounds. A timed acquire reads a captured clock; an interruptible one polls the
 * interrupt flag, whose reads are replayed.
 */
public final class StampedLockHooks {
  private StampedLockHooks() {}

  /** The blocking acquire's result, done here: a stamp (0: timed out), or {@link #INTERRUPTED}. */
  public static final class Outcome {
    final long stamp;

    Outcome(long stamp) {
      this.stamp = stamp;
    }
  }

  private static final Outcome INTERRUPTED = new Outcome(0);
  private static final long FIRST_PAUSE_NANOS = 20_000;
  private static final long LONGEST_PAUSE_NANOS = 1_000_000;

  /**
   * {@code writeLock()}, {@code readLock()} and their {@code Interruptibly} forms: the outcome, or
   * null to let the JDK's method run (no capture on this thread).
   */
  public static Object acquire(Object lock, String method) {
    return acquire(lock, method.startsWith("write"), method.endsWith("Interruptibly"), -1);
  }

  /** {@code tryWriteLock(time, unit)}, {@code tryReadLock(time, unit)}. */
  public static Object acquire(Object lock, String method, long time, TimeUnit unit) {
    if (unit == null) {
      return null; // the JDK's method throws NullPointerException
    }
    return acquire(lock, method.startsWith("tryWrite"), true, Math.max(0, unit.toNanos(time)));
  }

  private static Object acquire(
      Object lock, boolean write, boolean interruptible, long timeoutNanos) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || !(lock instanceof StampedLock)) {
      return null;
    }
    StampedLock stamped = (StampedLock) lock;
    long start = timeoutNanos >= 0 ? Hooks.nanoTime() : 0;
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      if (interruptible && Thread.interrupted()) {
        return INTERRUPTED;
      }
      long stamp = write ? stamped.tryWriteLock() : stamped.tryReadLock();
      if (stamp != 0) {
        return new Outcome(stamp);
      }
      if (timeoutNanos >= 0 && Hooks.nanoTime() - start >= timeoutNanos) {
        return new Outcome(0);
      }
      if (replaying(thread)) {
        // The next attempt waits for its recorded turn; a lock the application does not use
        // (not ordered) is only polled, so give the processor away meanwhile.
        Thread.yield();
      } else {
        pause(thread, pause);
        pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
      }
    }
  }

  /** Replay: the next attempt waits for its recorded turn, so no pause is needed (see above). */
  private static boolean replaying(ThreadState thread) {
    thread.guard++;
    try {
      return Hooks.handler().replaying();
    } finally {
      thread.guard--;
    }
  }

  /** A pause that an interrupt pending (uninterruptible acquire) does not cut short. */
  private static void pause(ThreadState thread, long nanos) {
    thread.guard++;
    try {
      long end = System.nanoTime() + nanos;
      for (long left = nanos; left > 0; left = end - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    } finally {
      thread.guard--;
    }
  }

  /** What the acquire returns: the stamp taken here, or the JDK's when it ran. */
  public static long stamp(Object outcome, long real) {
    return outcome == null ? real : ((Outcome) outcome).stamp;
  }

  /** What it throws: InterruptedException when it was interrupted here. */
  public static Throwable thrown(Object outcome, Throwable real) {
    return outcome == INTERRUPTED ? new InterruptedException() : real;
  }
}
