package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.events;
import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synchronizer's tryAcquire that throws (the application's own exception) is a turn of its order:
 * recorded as one, so replay throws the same exception at the same turn and the thread after it is
 * not left waiting for a turn nobody takes.
 */
class ThrowingAcquireOrderTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  @Test
  void theThrowingAttemptTakesItsTurnInRecordAndInReplay() throws Exception {
    List<ExecutorService> actors = fixtures.actors(2);
    RecordingWriter log = writer(dir);
    RecordedLockOrder recorder = new RecordedLockOrder();
    Sync recorded = new Sync();
    ThreadStreamWriter first = log.openThread("1.1");
    ThreadStreamWriter second = log.openThread("1.2");
    ExecutionException refused =
        assertThrows(
            ExecutionException.class,
            () ->
                on(
                    actors.get(0),
                    () -> recorder.acquireBlocking(first, recorded.hold(-1), -1, false)));
    assertTrue(refused.getCause() instanceof BlockingAcquire.ApplicationThrew, refused.toString());
    assertEquals(
        EventHandler.BLOCKING_DONE,
        on(actors.get(1), () -> recorder.acquireBlocking(second, recorded.hold(1), -1, false)));
    log.finish(0);

    Recording recording = Recording.open(dir);
    assertEquals(1, events(recording, "1.1").size(), "the throwing attempt is a turn");
    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    Sync replayed = new Sync();
    ThreadState one = new ThreadState("1.1");
    ThreadState two = new ThreadState("1.2");
    ThreadCursor oneCursor = session.cursor("1.1");
    ThreadCursor twoCursor = session.cursor("1.2");
    // The second thread starts first: its turn comes after the throwing one.
    Future<Integer> after =
        actors
            .get(1)
            .submit(() -> order.acquireBlocking(twoCursor, two, replayed.hold(1), false, false));
    Thread.sleep(100);
    assertEquals(0, replayed.holds.get(), "the second thread waited for the first's turn");
    ExecutionException thrown =
        assertThrows(
            ExecutionException.class,
            () ->
                on(
                    actors.get(0),
                    () -> order.acquireBlocking(oneCursor, one, replayed.hold(-1), false, false)));
    assertSame(IllegalArgumentException.class, thrown.getCause().getCause().getClass());
    assertEquals(EventHandler.BLOCKING_DONE, after.get(10, TimeUnit.SECONDS));
    assertEquals(1, replayed.holds.get());
    assertTrue(oneCursor.exhausted() && twoCursor.exhausted());
  }

  /** Stands for an application's synchronizer whose tryAcquire refuses a negative argument. */
  private static final class Sync {
    final AtomicInteger holds = new AtomicInteger();

    BlockingAcquire hold(int arg) {
      return new BlockingAcquire(this) {
        @Override
        public boolean attempt() {
          if (arg < 0) {
            throw new ApplicationThrew(new IllegalArgumentException("negative: " + arg));
          }
          holds.incrementAndGet();
          return true;
        }

        @Override
        public String what() {
          return "a hold";
        }

        @Override
        public String found() {
          return holds + " holds";
        }
      };
    }
  }
}
