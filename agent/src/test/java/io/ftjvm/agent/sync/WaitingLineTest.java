package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.events;
import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.QueueView;
import io.ftjvm.bootstrap.ThreadState;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads blocked in the agent's acquire wait in a line, first come first, as in the JDK's queue;
 * only the first in line tries. The application's tryAcquire sees that line as the queue (a fair
 * synchronizer asks hasQueuedPredecessors), and replay shows each attempt the view it was shown
 * when recorded, although replay builds no line.
 */
class WaitingLineTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  @Test
  void aWaiterIsNotOvertakenByOneBehindIt() throws Exception {
    List<ExecutorService> actors = fixtures.actors(3);
    RecordingWriter log = writer(dir);
    RecordedLockOrder recorder = new RecordedLockOrder();
    TestPermits sync = new TestPermits();
    ThreadStreamWriter releaser = log.openThread("1.1");
    ThreadStreamWriter wantsTwo = log.openThread("1.2");
    ThreadStreamWriter wantsOne = log.openThread("1.3");
    Future<Integer> two =
        actors
            .get(1)
            .submit(() -> recorder.acquireBlocking(wantsTwo, sync.take(2, false), -1, false));
    sync.awaitLine(recorder, 1);
    Future<Integer> one =
        actors
            .get(2)
            .submit(() -> recorder.acquireBlocking(wantsOne, sync.take(1, false), -1, false));
    sync.awaitLine(recorder, 2);

    on(actors.get(0), () -> sync.release(recorder, releaser));
    Thread.sleep(200);
    assertFalse(one.isDone(), "the thread behind took the permit the first in line waits for");
    assertEquals(1, sync.permits);

    on(actors.get(0), () -> sync.release(recorder, releaser));
    assertEquals(EventHandler.BLOCKING_DONE, two.get(10, TimeUnit.SECONDS));
    on(actors.get(0), () -> sync.release(recorder, releaser));
    assertEquals(EventHandler.BLOCKING_DONE, one.get(10, TimeUnit.SECONDS));
    log.finish(0);

    Recording recording = Recording.open(dir);
    assertEquals(List.of("LOCK_ACQUIRE 2"), events(recording, "1.2"));
    assertEquals(List.of("LOCK_ACQUIRE 4"), events(recording, "1.3"));
  }

  @Test
  void aFairSynchronizerSeesTheLineAndReplayShowsItTheSame() throws Exception {
    List<ExecutorService> actors = fixtures.actors(4);
    RecordingWriter log = writer(dir);
    RecordedLockOrder recorder = new RecordedLockOrder();
    TestPermits recorded = new TestPermits();
    ThreadStreamWriter releaser = log.openThread("1.1");
    ThreadStreamWriter first = log.openThread("1.2");
    ThreadStreamWriter second = log.openThread("1.3");
    ThreadStreamWriter asker = log.openThread("1.4");
    Future<Integer> firstDone =
        actors
            .get(1)
            .submit(() -> recorder.acquireBlocking(first, recorded.take(1, true), -1, false));
    recorded.awaitLine(recorder, 1);
    Future<Integer> secondDone =
        actors
            .get(2)
            .submit(() -> recorder.acquireBlocking(second, recorded.take(1, true), -1, false));
    recorded.awaitLine(recorder, 2);
    long asked =
        on(actors.get(3), () -> recorder.queueView(asker, recorder.orderedState(recorded)));
    assertEquals(2, QueueView.answer(asked, "getQueueLength"));
    assertEquals(1, QueueView.answer(asked, "hasQueuedPredecessors"));
    on(actors.get(0), () -> recorded.release(recorder, releaser));
    assertEquals(EventHandler.BLOCKING_DONE, firstDone.get(10, TimeUnit.SECONDS));
    on(actors.get(0), () -> recorded.release(recorder, releaser));
    assertEquals(EventHandler.BLOCKING_DONE, secondDone.get(10, TimeUnit.SECONDS));
    log.finish(0);
    // The second's first attempt was told someone waits ahead and refused; it is not logged.
    assertEquals(1, recorded.refusedForThoseAhead.get());
    assertEquals(
        List.of(QueueView.of(2, true, false), QueueView.of(1, true, false)), recorded.views);

    Recording recording = Recording.open(dir);
    assertEquals(
        List.of("LOCK_ACQUIRE 2", "QUEUE_VIEW " + QueueView.of(2, true, false)),
        events(recording, "1.2"));
    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    TestPermits replayed = new TestPermits();
    ThreadCursor releaserCursor = session.cursor("1.1");
    ThreadCursor firstCursor = session.cursor("1.2");
    ThreadCursor secondCursor = session.cursor("1.3");
    ThreadCursor askerCursor = session.cursor("1.4");
    ThreadState releasing = new ThreadState("1.1");
    // Started the other way round: no line forms, the recorded views are shown instead.
    Future<Integer> secondReplayed =
        actors
            .get(2)
            .submit(
                () ->
                    order.acquireBlocking(
                        secondCursor,
                        new ThreadState("1.3"),
                        replayed.take(1, true),
                        false,
                        false));
    Future<Integer> firstReplayed =
        actors
            .get(1)
            .submit(
                () ->
                    order.acquireBlocking(
                        firstCursor, new ThreadState("1.2"), replayed.take(1, true), false, false));
    Future<Long> askedAgain =
        actors.get(3).submit(() -> order.queueView(askerCursor, new ThreadState("1.4"), replayed));
    for (int i = 0; i < 2; i++) {
      on(
          actors.get(0),
          () -> {
            order.awaitTurn(releaserCursor, releasing, replayed);
            replayed.permits++;
            return order.acquired(releaserCursor, releasing, replayed);
          });
    }
    assertEquals(EventHandler.BLOCKING_DONE, firstReplayed.get(10, TimeUnit.SECONDS));
    assertEquals(EventHandler.BLOCKING_DONE, secondReplayed.get(10, TimeUnit.SECONDS));
    assertEquals(asked, askedAgain.get(10, TimeUnit.SECONDS));
    assertEquals(
        List.of(QueueView.of(2, true, false), QueueView.of(1, true, false)), replayed.views);
    assertTrue(firstCursor.exhausted() && secondCursor.exhausted() && askerCursor.exhausted());
  }
}
