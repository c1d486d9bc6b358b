package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking acquires of a StampedLock as the agent does them under capture: a loop of
 * non-blocking attempts (each an ordered call when the lock's class is instrumented; here, plain),
 * a timeout measured on the captured clock, an interrupt seen only by the interruptible forms. A
 * handler that counts clock reads stands in for the recorder.
 */
class StampedLockHooksTest {
  private final AtomicInteger clockReads = new AtomicInteger();

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          switch (event) {
            case "clock":
              clockReads.incrementAndGet();
              return args[2];
            case "replaying":
              return false;
            default:
              throw StubHandler.unexpected(event);
          }
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
    Thread.interrupted(); // a test may leave it set
  }

  @Test
  void aFreeLockIsTakenAtOnceAndItsStampIsWhatTheMethodReturns() {
    StampedLock lock = new StampedLock();
    Object outcome = StampedLockHooks.acquire(lock, "writeLock");
    long stamp = StampedLockHooks.stamp(outcome, 0);
    assertNotEquals(0, stamp);
    assertTrue(lock.isWriteLocked());
    lock.unlockWrite(stamp);
    long read = StampedLockHooks.stamp(StampedLockHooks.acquire(lock, "readLock"), 0);
    assertEquals(1, lock.getReadLockCount());
    lock.unlockRead(read);
    assertEquals(0, clockReads.get(), "an untimed acquire reads no clock");
  }

  @Test
  void aHeldLockIsWaitedForUntilItsHolderLetsGo() throws Exception {
    StampedLock lock = new StampedLock();
    long held = lock.readLock();
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
              lock.unlockRead(held);
            });
    releaser.start();
    long stamp = StampedLockHooks.stamp(StampedLockHooks.acquire(lock, "writeLock"), 0);
    assertNotEquals(0, stamp);
    assertTrue(lock.isWriteLocked());
    releaser.join();
  }

  @Test
  void aTimedAcquireGivesUpOnTheCapturedClock() {
    StampedLock lock = new StampedLock();
    lock.writeLock();
    Object outcome = StampedLockHooks.acquire(lock, "tryReadLock", 30, TimeUnit.MILLISECONDS);
    assertEquals(0, StampedLockHooks.stamp(outcome, 42));
    assertNull(StampedLockHooks.thrown(outcome, null));
    assertTrue(clockReads.get() >= 2, "the start and at least one check: " + clockReads.get());
    assertNull(StampedLockHooks.acquire(lock, "tryReadLock", 30, null), "the JDK refuses it");
  }

  @Test
  void onlyTheInterruptibleFormsEndOnAnInterrupt() throws Exception {
    StampedLock lock = new StampedLock();
    Thread.currentThread().interrupt();
    Object outcome = StampedLockHooks.acquire(lock, "writeLockInterruptibly");
    assertInstanceOf(InterruptedException.class, StampedLockHooks.thrown(outcome, null));
    assertTrue(!lock.isWriteLocked());

    long held = lock.writeLock();
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(30);
              } catch (InterruptedException e) {
                return;
              }
              lock.unlockWrite(held);
            });
    releaser.start();
    Thread.currentThread().interrupt();
    long stamp = StampedLockHooks.stamp(StampedLockHooks.acquire(lock, "readLock"), 0);
    assertNotEquals(0, stamp, "readLock() waits through an interrupt");
    assertTrue(Thread.currentThread().isInterrupted(), "and leaves it set");
    releaser.join();
  }

  @Test
  void aThreadThatIsNotCapturedRunsTheJdksMethod() {
    StampedLock lock = new StampedLock();
    ThreadState main = AppThreads.current();
    main.enterAgent();
    try {
      assertNull(StampedLockHooks.acquire(lock, "writeLock"));
    } finally {
      main.exitAgent();
    }
    assertSame(null, StampedLockHooks.acquire(new Object(), "writeLock"), "not a StampedLock");
  }
}
