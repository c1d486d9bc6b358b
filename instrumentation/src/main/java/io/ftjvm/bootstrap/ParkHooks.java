package io.ftjvm.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Replaces application code's {@code LockSupport.park}, {@code parkNanos} and {@code parkUntil}
 * call sites. Recording runs them as they are. In replay they are bounded: a park ends after at
 * most {@link #REPLAY_BOUND_NANOS} even if nothing unparks the thread.
 *
 * <p>Why: code that parks loops on some state it reads first, and in replay that read answers what
 * the recording saw (an ordered atomic, a volatile field), not what the state is now. A consumer
 * told "empty" parks, although the producer may already have put its value and spent its {@code
 * unpark} (a permit is one bit: two unparks before a park leave one, and the recorded run may have
 * returned from a park spuriously, or on a permit left by an earlier unpark that this replay used
 * up elsewhere). The recorded thread went on, so the replayed one must: found as a replay of a
 * park/unpark hand-off that stalled with the consumer parked and every unpark spent. A bounded park
 * is a spurious wake-up at worst, which {@code park} allows; the loop then reads again, and its
 * read waits for its recorded turn, so it runs exactly the recorded number of rounds. Parks inside
 * the JDK are left alone: the JDK re-reads real state, which replay keeps as recorded.
 */
public final class ParkHooks {
  /** Long enough not to spin, short enough that a park left without its wake-up costs little. */
  static final long REPLAY_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private ParkHooks() {}

  public static void park() {
    if (replaying()) {
      LockSupport.parkNanos(REPLAY_BOUND_NANOS);
    } else {
      LockSupport.park();
    }
  }

  public static void park(Object blocker) {
    if (replaying()) {
      LockSupport.parkNanos(blocker, REPLAY_BOUND_NANOS);
    } else {
      LockSupport.park(blocker);
    }
  }

  public static void parkNanos(long nanos) {
    LockSupport.parkNanos(replaying() ? Math.min(nanos, REPLAY_BOUND_NANOS) : nanos);
  }

  public static void parkNanos(Object blocker, long nanos) {
    LockSupport.parkNanos(blocker, replaying() ? Math.min(nanos, REPLAY_BOUND_NANOS) : nanos);
  }

  public static void parkUntil(long deadline) {
    if (replaying()) {
      LockSupport.parkNanos(untilDeadline(deadline));
    } else {
      LockSupport.parkUntil(deadline);
    }
  }

  public static void parkUntil(Object blocker, long deadline) {
    if (replaying()) {
      LockSupport.parkNanos(blocker, untilDeadline(deadline));
    } else {
      LockSupport.parkUntil(blocker, deadline);
    }
  }

  /** The bounded wait for a park until an epoch-millisecond deadline (none if it has passed). */
  private static long untilDeadline(long deadline) {
    long left = deadline - System.currentTimeMillis();
    return left <= 0 ? 0 : Math.min(TimeUnit.MILLISECONDS.toNanos(left), REPLAY_BOUND_NANOS);
  }

  private static boolean replaying() {
    return Hooks.capturing() != null && Hooks.handler().replaying();
  }
}
