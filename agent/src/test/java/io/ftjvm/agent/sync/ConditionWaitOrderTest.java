package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.events;
import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.EventHandler;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step by which a timed-out or interrupted condition wait takes itself off the queue is a turn
 * of the lock's order (WAIT_CANCEL), between the acquisitions of the threads that may signal it;
 * replay makes it in that turn, or tells the wait it was not made here; awaitNanos's answer is a
 * recorded value. Each step runs on an executor's thread, as the application's would.
 */
class ConditionWaitOrderTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  /** A lock's synchronizer (the key of its order). */
  private static final class Sync extends AbstractQueuedSynchronizer {}

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  @Test
  void aCancelIsLoggedAsATurnBetweenTheLocksAcquisitionsWithWhatAwaitNanosAnswered()
      throws Exception {
    Recording recording = recordSignallerCancelSignaller();
    assertEquals(List.of("LOCK_ACQUIRE 0", "LOCK_ACQUIRE 2"), events(recording, "1.1"));
    assertEquals(List.of("WAIT_CANCEL 1", "WAIT_NANOS -7"), events(recording, "1.2"));
  }

  @Test
  void replayMakesTheCancelInItsTurnAndNotBeforeTheAcquisitionRecordedFirst() throws Exception {
    Recording recording = recordSignallerCancelSignaller();
    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    Sync sync = new Sync();
    ThreadState signaller = new ThreadState("1.1");
    ThreadState waiter = new ThreadState("1.2");
    ThreadCursor signallerCursor = session.cursor("1.1");
    ThreadCursor waiterCursor = session.cursor("1.2");
    List<ExecutorService> actors = fixtures.actors(2);

    // The waiter comes first, but its cancel's turn is after the signaller's first acquisition.
    Future<Integer> cancel =
        actors.get(1).submit(() -> order.beforeWaitCancel(waiterCursor, waiter, sync));
    assertThrows(
        TimeoutException.class,
        () -> cancel.get(200, TimeUnit.MILLISECONDS),
        "the cancel waits for its turn");
    on(actors.get(0), () -> acquire(order, signallerCursor, signaller, sync));
    assertEquals(EventHandler.CANCEL_IN_TURN, cancel.get(10, TimeUnit.SECONDS));

    // The signaller's second acquisition waits until the cancel's turn is taken.
    Future<Integer> second =
        actors.get(0).submit(() -> acquire(order, signallerCursor, signaller, sync));
    assertThrows(
        TimeoutException.class,
        () -> second.get(200, TimeUnit.MILLISECONDS),
        "the next acquisition waits for the cancel");
    on(
        actors.get(1),
        () -> {
          order.waitCancelled(waiterCursor, waiter, sync, true);
          return null;
        });
    assertNotEquals(EventHandler.NOT_YET, second.get(10, TimeUnit.SECONDS));

    assertEquals(-7L, on(actors.get(1), () -> order.waitNanosLeft(waiterCursor, sync, 123_456)));
    assertTrue(waiterCursor.exhausted());
    assertTrue(signallerCursor.exhausted());
  }

  @Test
  void aWaitTheRecordingSawSignalledIsToldNotToCancelAndKeepsItsEvent() throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter out = log.openThread("1.1");
    Sync sync = new Sync();
    ExecutorService actor = fixtures.actors(1).get(0);
    on(
        actor,
        () -> {
          locks.acquired(out, sync); // the re-acquisition after a signal
          return null;
        });
    log.finish(0);

    ReplaySession session = new ReplaySession(Recording.open(dir));
    ThreadCursor cursor = session.cursor("1.1");
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    ThreadState thread = new ThreadState("1.1");
    assertEquals(
        EventHandler.CANCEL_NOT_HERE,
        on(actor, () -> order.beforeWaitCancel(cursor, thread, sync)));
    assertFalse(cursor.exhausted(), "the re-acquisition is still to come");
    assertNotEquals(EventHandler.NOT_YET, on(actor, () -> acquire(order, cursor, thread, sync)));
  }

  /**
   * Thread 1.1 takes the lock (turn 0), thread 1.2's wait cancels itself (turn 1) and its
   * awaitNanos answers -7, then 1.1 takes the lock again (turn 2).
   */
  private Recording recordSignallerCancelSignaller() throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter signaller = log.openThread("1.1");
    ThreadStreamWriter waiter = log.openThread("1.2");
    Sync sync = new Sync();
    List<ExecutorService> actors = fixtures.actors(2);
    on(
        actors.get(0),
        () -> {
          locks.acquired(signaller, sync);
          return null;
        });
    on(
        actors.get(1),
        () -> {
          assertTrue(locks.ordersConditionWaits(sync), "the application's lock is ordered");
          locks.waitCancelled(waiter, sync);
          waiter.value(EventType.WAIT_NANOS, -7);
          return null;
        });
    on(
        actors.get(0),
        () -> {
          locks.acquired(signaller, sync);
          return null;
        });
    log.finish(0);
    return Recording.open(dir);
  }

  private static int acquire(
      ReplayedLockOrder order, ThreadCursor cursor, ThreadState thread, Object sync) {
    order.awaitTurn(cursor, thread, sync);
    return order.acquired(cursor, thread, sync);
  }
}
