package io.ftjvm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A thread that the agent blocked keeps the permit an application's unpark gave it: its next park
 * returns. Without the give-back, that park would wait forever; the timeouts are only a safety net,
 * so a failure ends the test instead of hanging it.
 */
class ParkPermitsTest {
  private static final Duration SAFETY_NET = Duration.ofSeconds(60);

  @Test
  void aContendedLockGivesBackThePermitItsWaitTook() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    lock.lock();
    Thread waiter =
        new Thread(
            () -> {
              LockSupport.unpark(Thread.currentThread()); // the application's permit
              ParkPermits.lock(lock);
              lock.unlock();
              LockSupport.park(); // must find the permit again
            },
            "waiter");
    waiter.start();
    // Once it waits in the lock's queue it has spent the permit (a park with a permit returns).
    while (waiter.getState() != Thread.State.WAITING || LockSupport.getBlocker(waiter) == null) {
      Thread.onSpinWait();
    }
    lock.unlock();
    waiter.join(SAFETY_NET.toMillis());
    assertFalse(waiter.isAlive(), "the waiter's park found no permit");
  }

  @Test
  void aPauseEndedByAPermitGivesItBack() {
    assertTimeoutPreemptively(
        SAFETY_NET,
        () -> {
          LockSupport.unpark(Thread.currentThread());
          ParkPermits.pause(SAFETY_NET.toNanos() * 2); // ends at once, on the permit
          LockSupport.park(); // returns only if the pause gave it back
        });
  }
}
