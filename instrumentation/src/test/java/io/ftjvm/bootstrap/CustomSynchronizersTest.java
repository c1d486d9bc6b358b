package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A synchronizer written by the application, as the agent's hooks hand its blocking acquires to the
 * handler: the attempt the handler makes is the application's own tryAcquire or tryAcquireShared,
 * in the mode and with the timeout of the method called; what that code throws, the acquire throws.
 * A stub handler stands in for the recorder.
 */
class CustomSynchronizersTest {
  private final List<String> calls = new ArrayList<>();

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  /** Installs a handler whose acquireBlocking answers {@code answer(acquire)}, noting the call. */
  private void handlerAcquiring(Function<BlockingAcquire, Integer> answer) {
    StubHandler.install(
        (event, args) -> {
          if (!event.equals("acquireBlocking")) {
            throw StubHandler.unexpected(event);
          }
          calls.add("timeout=" + args[2] + " interruptible=" + args[3]);
          return answer.apply((BlockingAcquire) args[1]);
        });
  }

  @Test
  void onlySynchronizersOfTheApplicationAreCustom() {
    assertTrue(CustomSynchronizers.isCustom(new Mutex()));
    assertTrue(CustomSynchronizers.isCustom(new Gate(1)));
    assertFalse(CustomSynchronizers.isCustom(new Object()));
    assertFalse(CustomSynchronizers.isCustom(null));
  }

  @Test
  void anExclusiveAcquireAttemptsTheApplicationsTryAcquire() {
    Mutex mutex = new Mutex();
    handlerAcquiring(acquire -> acquire.attempt() ? EventHandler.BLOCKING_DONE : -1);
    assertEquals(EventHandler.BLOCKING_DONE, CustomSynchronizers.acquire(mutex, 1, "acquire", 0));
    assertEquals(1, mutex.state(), "the attempt took the mutex");
    assertSame(Thread.currentThread(), mutex.owner());
    assertEquals(List.of("timeout=-1 interruptible=false"), calls);
  }

  @Test
  void theTimedAndInterruptibleFormsPassTheirTimeoutAndMode() {
    Mutex mutex = new Mutex();
    mutex.setHeld(); // held: every attempt fails
    List<Boolean> attempts = new ArrayList<>();
    handlerAcquiring(
        acquire -> {
          attempts.add(acquire.attempt());
          return EventHandler.BLOCKING_TIMED_OUT;
        });
    assertEquals(
        EventHandler.BLOCKING_TIMED_OUT,
        CustomSynchronizers.acquire(mutex, 1, "tryAcquireNanos", 5_000));
    assertEquals(
        EventHandler.BLOCKING_TIMED_OUT,
        CustomSynchronizers.acquire(mutex, 1, "acquireInterruptibly", 0));
    assertEquals(
        List.of("timeout=5000 interruptible=true", "timeout=-1 interruptible=true"), calls);
    assertEquals(List.of(false, false), attempts);
  }

  @Test
  void aSharedAcquireOfALongSynchronizerAttemptsTryAcquireShared() {
    Gate gate = new Gate(1);
    List<Boolean> attempts = new ArrayList<>();
    handlerAcquiring(
        acquire -> {
          attempts.add(acquire.attempt());
          gate.open();
          attempts.add(acquire.attempt());
          return EventHandler.BLOCKING_DONE;
        });
    assertEquals(
        EventHandler.BLOCKING_DONE,
        CustomSynchronizers.acquire(gate, 1L, "acquireSharedInterruptibly", 0));
    assertEquals(List.of(false, true), attempts, "closed, then open");
  }

  @Test
  void whatTheApplicationsTryAcquireThrowsTheAcquireThrows() {
    IllegalStateException broken = new IllegalStateException("broken synchronizer");
    Mutex mutex = new Mutex(broken);
    handlerAcquiring(acquire -> acquire.attempt() ? EventHandler.BLOCKING_DONE : -1);
    int decision = CustomSynchronizers.acquire(mutex, 1, "acquire", 0);
    assertEquals(EventHandler.BLOCKING_THREW, decision);
    assertSame(broken, SyncHooks.blockingThrown(decision, null));
    assertEquals(null, SyncHooks.blockingThrown(decision, null), "handed over once");
  }

  @Test
  void aDivergenceReportNamesTheSynchronizerAndItsState() {
    Mutex mutex = new Mutex();
    mutex.setHeld();
    BlockingAcquire[] seen = new BlockingAcquire[1];
    handlerAcquiring(
        acquire -> {
          seen[0] = acquire;
          return EventHandler.BLOCKING_TIMED_OUT;
        });
    CustomSynchronizers.acquire(mutex, 1, "acquire", 0);
    assertSame(mutex, seen[0].key());
    assertTrue(seen[0].what().contains(Mutex.class.getName()), seen[0].what());
    assertEquals("its state 1", seen[0].found());
  }

  @Test
  void outsideACondition_sReacquisitionTheJdkAcquires() {
    handlerAcquiring(acquire -> EventHandler.BLOCKING_DONE);
    assertFalse(CustomSynchronizers.reacquire(new Mutex(), null, 1));
    assertFalse(CustomSynchronizers.reacquire(new Object(), new Object(), 1));
    assertEquals(List.of(), calls, "the handler is not asked");
  }

  @Test
  void anUncapturedThreadRunsTheJdksAcquire() {
    handlerAcquiring(acquire -> EventHandler.BLOCKING_DONE);
    AppThreads.disown();
    assertEquals(
        EventHandler.BLOCKING_REAL, CustomSynchronizers.acquire(new Mutex(), 1, "acquire", 0));
    assertEquals(List.of(), calls);
  }

  /** A non-reentrant lock, optionally broken: its tryAcquire throws. */
  private static final class Mutex extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;
    private final transient RuntimeException broken;

    Mutex() {
      this(null);
    }

    Mutex(RuntimeException broken) {
      this.broken = broken;
    }

    @Override
    protected boolean tryAcquire(int arg) {
      if (broken != null) {
        throw broken;
      }
      if (compareAndSetState(0, 1)) {
        setExclusiveOwnerThread(Thread.currentThread());
        return true;
      }
      return false;
    }

    void setHeld() {
      setState(1);
    }

    int state() {
      return getState();
    }

    Thread owner() {
      return getExclusiveOwnerThread();
    }
  }

  /** A latch on a long state. */
  private static final class Gate extends AbstractQueuedLongSynchronizer {
    private static final long serialVersionUID = 1L;

    Gate(long count) {
      setState(count);
    }

    @Override
    protected long tryAcquireShared(long arg) {
      return getState() == 0 ? 1 : -1;
    }

    void open() {
      setState(0);
    }
  }
}
