package io.ftjvm.agent.sync;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's own blocking never keeps a permit from the application. A contended {@link
 * ReentrantLock} or a timed pause blocks through {@link LockSupport}, and may consume the permit an
 * application's {@code unpark} left for that thread's next {@code park}; if the thread had already
 * read the state that unpark announced, its next {@code park} waits for a wake-up that was spent.
 * So whenever the agent may have taken a permit it gives one back: at worst the application's next
 * {@code park} returns at once, which {@code park} may do anyway and which code using it handles.
 * (The recording's stream writer does the same after a checkpoint held it.)
 *
 * <p>Monitors and {@code Object.wait} use another wake-up mechanism in the JVM and take no permit.
 */
public final class ParkPermits {
  private ParkPermits() {}

  /** Locks {@code lock}; if that had to block, gives back the permit it may have taken. */
  public static void lock(ReentrantLock lock) {
    if (!lock.tryLock()) {
      lock.lock();
      giveBack();
    }
  }

  /** Pauses about {@code nanos}; if the pause ended early, gives back the permit that ended it. */
  public static void pause(long nanos) {
    long start = System.nanoTime();
    LockSupport.parkNanos(nanos);
    if (System.nanoTime() - start < nanos) {
      giveBack();
    }
  }

  private static void giveBack() {
    LockSupport.unpark(Thread.currentThread());
  }
}
