package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.events;
import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A condition wait that was interrupted and signalled at about the same time ends one of two ways,
 * and the recording tells which only by what follows the sight of the interrupt: the wait's park
 * saw it (a read that does not clear) and the loop found itself signalled, so the wait returned
 * with the flag still set and the re-acquisition is next; or the loop's own read saw it (clearing),
 * and the JDK interrupted the thread again before the re-acquisition. Replay must end the wait the
 * recorded way whichever read its own timing offers the sight to. Found as a scheduled pool worker
 * whose replay interrupted itself where the recording went on to its next task.
 */
class WaitEndingInterruptTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  @Test
  void aSightByTheParkIsLeftToTheParkAndEndsTheWaitWithTheFlagStillSet() throws Exception {
    ExecutorService waiter = fixtures.actors(1).get(0);
    Thread waiterThread = on(waiter, Thread::currentThread);
    record(waiter, waiterThread, false);
    Recording recording = Recording.open(dir);
    assertEquals(List.of("INTERRUPTED 1", "LOCK_ACQUIRE 0"), events(recording, "1.1"));

    ReplaySession session = new ReplaySession(recording);
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadCursor waiting = session.cursor("1.1");
    ThreadState state = new ThreadState("1.1");
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), waiterThread);
    assertTrue(
        on(waiter, () -> interrupts.skipsWaitLoopRead(waiting, false)),
        "the loop's clearing read must not take a sight the park made");
    // The replayed loop found itself signalled before its park looked: the sight is taken at the
    // wait's end, without the JDK's second interrupt, which the recording does not have.
    assertFalse(on(waiter, () -> interrupts.reinterruptedAfterWait(waiting, state, null, true)));
    assertEquals(EventType.LOCK_ACQUIRE, waiting.peek().type());
    assertTrue(
        on(waiter, () -> interrupts.skipsWaitLoopRead(waiting, false)),
        "seen and still set: a read before the re-acquisition is not the recorded loop's");
  }

  @Test
  void aSightByTheLoopEndsTheWaitWithTheJdksSecondInterrupt() throws Exception {
    ExecutorService waiter = fixtures.actors(1).get(0);
    Thread waiterThread = on(waiter, Thread::currentThread);
    record(waiter, waiterThread, true);
    Recording recording = Recording.open(dir);
    assertEquals(
        List.of("INTERRUPTED 1", "INTERRUPT 2", "LOCK_ACQUIRE 0"), events(recording, "1.1"));

    ReplaySession session = new ReplaySession(recording);
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadCursor waiting = session.cursor("1.1");
    ThreadState state = new ThreadState("1.1");
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), waiterThread);
    assertFalse(on(waiter, () -> interrupts.skipsWaitLoopRead(waiting, false)));
    assertTrue(on(waiter, () -> interrupts.reinterruptedAfterWait(waiting, state, null, true)));
    assertEquals(EventType.INTERRUPT, waiting.peek().type(), "the caller interrupts, in turn");
  }

  @Test
  void onACustomSynchronizerTheReacquisitionComesBeforeTheSecondInterrupt() throws Exception {
    ExecutorService waiter = fixtures.actors(1).get(0);
    Thread waiterThread = on(waiter, Thread::currentThread);
    // The park saw it (no clearing), the loop read it again (clearing, not logged), its cancel lost
    // to the signal, the agent re-acquired, and the JDK interrupted the thread again.
    record(
        waiter,
        waiterThread,
        (waiting, lock) -> {
          waiting.sees(false);
          waiting.sees(true);
          waiting.reacquires(lock);
          waiting.interruptsItself();
        });
    assertEquals(
        List.of("INTERRUPTED 1", "LOCK_ACQUIRE 0", "INTERRUPT 2"),
        events(Recording.open(dir), "1.1"));

    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    ReplayedInterrupts interrupts = order.interrupts();
    ThreadCursor waiting = session.cursor("1.1");
    ThreadState state = new ThreadState("1.1");
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), waiterThread);
    // The replayed loop found itself signalled first: the sight is taken before re-acquiring...
    assertFalse(on(waiter, () -> interrupts.reinterruptedAfterWait(waiting, state, null, true)));
    assertFalse(
        on(waiter, () -> interrupts.skipsWaitLoopRead(waiting, true)),
        "a re-acquisition followed by the second interrupt: the recorded loop did read");
    assertTrue(
        on(waiter, () -> interrupts.skipsWaitLoopRead(waiting, false)),
        "a JDK lock's wait would have logged that interrupt before its re-acquisition");
    on(waiter, () -> order.acquired(waiting, state, lock));
    // ...and the second interrupt after the wait returned.
    assertTrue(on(waiter, () -> interrupts.reinterruptedAfterWait(waiting, state, null, false)));
    assertEquals(EventType.INTERRUPT, waiting.peek().type());
  }

  @Test
  void afterACustomSynchronizersWaitASightNextIsLeftToTheCodeThatFollows() throws Exception {
    ExecutorService waiter = fixtures.actors(1).get(0);
    Thread waiterThread = on(waiter, Thread::currentThread);
    record(waiter, waiterThread, false);
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadCursor waiting = session.cursor("1.1");
    assertFalse(
        on(
            waiter,
            () -> interrupts.reinterruptedAfterWait(waiting, new ThreadState("1.1"), null, false)));
    assertEquals(EventType.INTERRUPTED, waiting.peek().type(), "not taken");
  }

  /**
   * Main interrupts the waiter; the waiter sees it with a read that clears the flag or not; if it
   * cleared it, the JDK interrupts the thread again; then the waiter re-acquires its lock.
   */
  private void record(ExecutorService waiter, Thread waiterThread, boolean clearingSight)
      throws Exception {
    record(
        waiter,
        waiterThread,
        (waiting, lock) -> {
          waiting.sees(clearingSight);
          if (clearingSight) {
            waiting.interruptsItself();
          }
          waiting.reacquires(lock);
        });
  }

  /** Main interrupts the waiter, which then takes the given steps. */
  private void record(ExecutorService waiter, Thread waiterThread, WaiterSteps steps)
      throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    RecordedInterrupts recorded = locks.interrupts();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter waiterOut = log.openThread("1.1");
    recorded.before(waiterThread);
    recorded.interrupted(mainOut, waiterThread);
    Waiting waiting = new Waiting(locks, waiterOut, waiterThread);
    on(
        waiter,
        () -> {
          steps.take(waiting, lock);
          return null;
        });
    log.finish(0);
  }

  private final Object lock = new Object();

  private interface WaiterSteps {
    void take(Waiting waiting, Object lock);
  }

  /** What the recorded waiter does, each step logged as the agent logs it. */
  private record Waiting(RecordedLockOrder locks, ThreadStreamWriter out, Thread self) {
    void sees(boolean clearing) {
      locks.interrupts().before(self);
      locks.interrupts().read(() -> out, self, clearing, true, false);
    }

    void interruptsItself() {
      locks.interrupts().before(self);
      locks.interrupts().interrupted(out, self);
    }

    void reacquires(Object lock) {
      locks.acquired(out, lock);
    }
  }
}
