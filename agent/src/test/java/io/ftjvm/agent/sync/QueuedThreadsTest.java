package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The questions that answer with threads ({@code getQueuedThreads} and its exclusive and shared
 * forms, {@code getFirstQueuedThread}, {@code isQueued}) are answered from the agent's line when
 * recorded, which names the threads by logical id, and with the threads carrying those ids in
 * replay, where no line forms.
 */
class QueuedThreadsTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  /** The questions the asker asks, in order; the last asks whether the shared waiter is queued. */
  private static final String[] METHODS = {
    "getQueuedThreads",
    "getExclusiveQueuedThreads",
    "getSharedQueuedThreads",
    "getFirstQueuedThread",
    "isQueued"
  };

  @Test
  void theLineNamesItsThreadsAndReplayAnswersWithTheirCarriers() throws Exception {
    List<ExecutorService> actors = fixtures.actors(4);
    RecordingWriter log = writer(dir);
    RecordedLockOrder recorder = new RecordedLockOrder();
    TestPermits recorded = new TestPermits();
    ThreadStreamWriter releaser = log.openThread("1.1");
    ThreadStreamWriter exclusive = log.openThread("1.2");
    ThreadStreamWriter shared = log.openThread("1.3");
    ThreadStreamWriter asker = log.openThread("1.4");
    Thread exclusiveThread = on(actors.get(1), Thread::currentThread);
    Thread sharedThread = on(actors.get(2), Thread::currentThread);
    Future<Integer> exclusiveDone =
        actors
            .get(1)
            .submit(
                () ->
                    recorder.acquireBlocking(exclusive, recorded.take(1, false, false), -1, false));
    recorded.awaitLine(recorder, 1);
    Future<Integer> sharedDone =
        actors
            .get(2)
            .submit(
                () -> recorder.acquireBlocking(shared, recorded.take(1, false, true), -1, false));
    recorded.awaitLine(recorder, 2);
    List<Thread[]> answers =
        on(
            actors.get(3),
            () ->
                askAll(
                    question ->
                        recorder.queuedThreads(asker, recorder.orderedState(recorded), question),
                    sharedThread));
    assertAnswers(answers, exclusiveThread, sharedThread);
    on(actors.get(0), () -> recorded.release(recorder, releaser));
    assertEquals(EventHandler.BLOCKING_DONE, exclusiveDone.get(10, TimeUnit.SECONDS));
    on(actors.get(0), () -> recorded.release(recorder, releaser));
    assertEquals(EventHandler.BLOCKING_DONE, sharedDone.get(10, TimeUnit.SECONDS));
    log.finish(0);

    Recording recording = Recording.open(dir);
    assertEquals(
        List.of("1.2 1.3", "1.2", "1.3", "1.2", "1.3", ""),
        texts(recording, "1.4"),
        "the logical ids of each answer");

    // Replay on new threads, the asker first: it waits until the threads it names have come.
    List<ExecutorService> again = fixtures.actors(4);
    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    TestPermits replayed = new TestPermits();
    ThreadCursor releaserCursor = session.cursor("1.1");
    ThreadCursor exclusiveCursor = session.cursor("1.2");
    ThreadCursor sharedCursor = session.cursor("1.3");
    ThreadCursor askerCursor = session.cursor("1.4");
    Thread exclusiveAgain = on(again.get(1), Thread::currentThread);
    Thread sharedAgain = on(again.get(2), Thread::currentThread);
    assertNotSame(exclusiveThread, exclusiveAgain);
    ThreadState askerState = new ThreadState("1.4");
    Future<List<Thread[]>> answersAgain =
        again
            .get(3)
            .submit(
                () ->
                    askAll(
                        question ->
                            order.queuedThreads(askerCursor, askerState, replayed, question),
                        sharedAgain));
    Thread.sleep(200);
    assertFalse(answersAgain.isDone(), "answered before the threads it names were there");
    Future<Integer> sharedReplayed =
        again
            .get(2)
            .submit(
                () ->
                    order.acquireBlocking(
                        sharedCursor,
                        new ThreadState("1.3"),
                        replayed.take(1, false, true),
                        false,
                        false));
    Future<Integer> exclusiveReplayed =
        again
            .get(1)
            .submit(
                () ->
                    order.acquireBlocking(
                        exclusiveCursor,
                        new ThreadState("1.2"),
                        replayed.take(1, false, false),
                        false,
                        false));
    assertAnswers(answersAgain.get(10, TimeUnit.SECONDS), exclusiveAgain, sharedAgain);
    ThreadState releasing = new ThreadState("1.1");
    for (int i = 0; i < 2; i++) {
      on(
          again.get(0),
          () -> {
            order.awaitTurn(releaserCursor, releasing, replayed);
            replayed.permits++;
            return order.acquired(releaserCursor, releasing, replayed);
          });
    }
    assertEquals(EventHandler.BLOCKING_DONE, exclusiveReplayed.get(10, TimeUnit.SECONDS));
    assertEquals(EventHandler.BLOCKING_DONE, sharedReplayed.get(10, TimeUnit.SECONDS));
    assertTrue(askerCursor.exhausted() && exclusiveCursor.exhausted() && sharedCursor.exhausted());
  }

  /** One question asked, by the recorder or the replayer. */
  private interface Asker {
    Thread[] ask(QueuedThreads question) throws Exception;
  }

  /**
   * Asks {@link #METHODS} ({@code shared}: the thread isQueued asks about), then isQueued of the
   * asking thread itself.
   */
  private static List<Thread[]> askAll(Asker asker, Thread shared) throws Exception {
    List<Thread[]> all = new ArrayList<>();
    for (String method : METHODS) {
      all.add(asker.ask(QueuedThreads.of(method, shared)));
    }
    all.add(asker.ask(QueuedThreads.of("isQueued", Thread.currentThread())));
    return all;
  }

  /** The answers to {@link #METHODS} and to isQueued of the asker itself. */
  private static void assertAnswers(List<Thread[]> answers, Thread exclusive, Thread shared) {
    assertArrayEquals(new Thread[] {exclusive, shared}, answers.get(0), METHODS[0]);
    assertArrayEquals(new Thread[] {exclusive}, answers.get(1), METHODS[1]);
    assertArrayEquals(new Thread[] {shared}, answers.get(2), METHODS[2]);
    assertArrayEquals(new Thread[] {exclusive}, answers.get(3), METHODS[3]);
    assertArrayEquals(new Thread[] {shared}, answers.get(4), "isQueued(the shared waiter)");
    assertArrayEquals(new Thread[0], answers.get(5), "isQueued(the asker)");
  }

  private static List<String> texts(Recording recording, String thread) throws Exception {
    List<String> texts = new ArrayList<>();
    try (ThreadStreamReader r = recording.stream(thread)) {
      while (r.hasNext()) {
        Determinant d = r.next();
        if (d.type() == EventType.QUEUED_THREADS) {
          texts.add(d.text());
        }
      }
    }
    return texts;
  }
}
