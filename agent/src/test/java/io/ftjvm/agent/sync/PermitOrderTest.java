package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.PermitsAcquire;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semaphore and CountDownLatch orders, recorded and replayed with real threads: what tryAcquire,
 * availablePermits, drainPermits and getCount answered, which blocked acquirer a release woke, a
 * timed acquire that timed out, an acquire interrupted while blocked, and a latch's timed awaits.
 * Replay runs on fresh objects with another schedule (or other permits), so a replay that did not
 * follow the recording would answer differently. Every step runs on an executor's thread, as the
 * application's would (the first caller decides whether an object is ordered).
 */
class PermitOrderTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  @Test
  void tryAcquireAvailablePermitsAndDrainAnswerAsRecordedUnderContention() throws Exception {
    int threads = 3;
    int rounds = 500;
    // The recording must have seen contention to mean anything; whether three threads overlap on
    // two cores is up to the scheduler (a busy CI machine may run them one after the other), so a
    // run without it is recorded again, a few times at most.
    List<List<Integer>> recordedAnswers = List.of();
    Path recordingDir = null;
    for (int attempt = 1; attempt <= 5 && !sawNoPermits(recordedAnswers); attempt++) {
      recordingDir = dir.resolve("attempt-" + attempt);
      recordedAnswers = recordContendedRounds(recordingDir, threads, rounds);
    }
    assertTrue(
        sawNoPermits(recordedAnswers),
        "in five recordings no tryAcquire or availablePermits saw no permits: no contention");

    ReplaySession session = new ReplaySession(Recording.open(recordingDir));
    ReplayedLockOrder order = new ReplayedLockOrder(50); // scheduling noise of its own
    Semaphore replayed = new Semaphore(2);
    List<Future<List<Integer>>> replays = new ArrayList<>();
    List<ExecutorService> actors = actors(threads);
    // Started in the reverse order, so the scheduler alone would give other answers.
    for (int t = threads - 1; t >= 0; t--) {
      ThreadState thread = new ThreadState("1." + (t + 1));
      ThreadCursor cursor = session.cursor(thread.logicalId());
      replays.add(
          0,
          actors
              .get(t)
              .submit(() -> rounds(rounds, op -> atomic(order, cursor, thread, replayed, op))));
    }
    for (int t = 0; t < threads; t++) {
      assertEquals(recordedAnswers.get(t), replays.get(t).get(), "thread 1." + (t + 1));
      assertTrue(session.cursor("1." + (t + 1)).exhausted());
    }
  }

  /** Records {@code threads} threads' rounds on one semaphore of 2 permits; their answers. */
  private List<List<Integer>> recordContendedRounds(Path recordingDir, int threads, int rounds)
      throws Exception {
    RecordingWriter log =
        RecordingWriter.create(recordingDir, RunContext.builder().mainClass("M").build());
    CountDownLatch go = new CountDownLatch(1); // not ordered: only lines the threads up
    RecordedLockOrder locks = new RecordedLockOrder();
    Semaphore recorded = new Semaphore(2);
    List<Future<List<Integer>>> answers = new ArrayList<>();
    List<ExecutorService> actors = actors(threads);
    for (int t = 0; t < threads; t++) {
      ThreadStreamWriter out = log.openThread("1." + (t + 1));
      answers.add(
          actors
              .get(t)
              .submit(
                  () -> {
                    go.await();
                    return rounds(rounds, op -> atomic(locks, out, recorded, op));
                  }));
    }
    go.countDown();
    List<List<Integer>> recordedAnswers = new ArrayList<>();
    for (Future<List<Integer>> f : answers) {
      recordedAnswers.add(f.get());
    }
    log.finish(0);
    return recordedAnswers;
  }

  /** Whether some answer was 0: a tryAcquire or availablePermits found the permits taken. */
  private static boolean sawNoPermits(List<List<Integer>> answers) {
    return answers.stream().anyMatch(a -> a.contains(0));
  }

  /** One thread's rounds of ordered operations; each step goes through {@code ordered}. */
  private static List<Integer> rounds(int rounds, Ordered ordered) {
    List<Integer> answers = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      boolean took = ordered.run(semaphore -> semaphore.tryAcquire() ? 1 : 0) == 1;
      answers.add(took ? 1 : 0);
      answers.add(ordered.run(Semaphore::availablePermits));
      if (r % 5 == 0) {
        int drained = ordered.run(Semaphore::drainPermits);
        answers.add(drained);
        ordered.run(
            semaphore -> {
              semaphore.release(drained);
              return 0;
            });
      }
      if (took) {
        ordered.run(
            semaphore -> {
              semaphore.release();
              return 0;
            });
      }
    }
    return answers;
  }

  private interface Ordered {
    int run(java.util.function.ToIntFunction<Semaphore> op);
  }

  @Test
  void blockedAcquirersGetThePermitsInTheRecordedOrder() throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter aOut = log.openThread("1.1");
    ThreadStreamWriter bOut = log.openThread("1.2");
    List<ExecutorService> actors = actors(3); // main, a, b
    Semaphore recorded = new Semaphore(0);
    Future<Integer> a =
        actors
            .get(1)
            .submit(() -> locks.acquireBlocking(aOut, new PermitsAcquire(recorded, 1), -1, true));
    Future<Integer> b =
        actors
            .get(2)
            .submit(() -> locks.acquireBlocking(bOut, new PermitsAcquire(recorded, 1), -1, false));
    Thread.sleep(50);
    assertFalse(a.isDone() || b.isDone(), "no permit yet: both wait");
    on(actors.get(0), () -> atomic(locks, mainOut, recorded, Semaphore::availablePermits));
    on(actors.get(0), () -> atomic(locks, mainOut, recorded, release()));
    Thread.sleep(50);
    assertTrue(a.isDone() ^ b.isDone(), "a release of one permit wakes exactly one acquirer");
    on(actors.get(0), () -> atomic(locks, mainOut, recorded, release()));
    assertEquals(EventHandler.BLOCKING_DONE, a.get());
    assertEquals(EventHandler.BLOCKING_DONE, b.get());
    log.finish(0);

    Recording recording = Recording.open(dir);
    assertEquals(
        List.of("LOCK_ACQUIRE 0", "LOCK_ACQUIRE 1", "LOCK_ACQUIRE 3"), events(recording, "1"));
    List<String> aEvents = events(recording, "1.1");
    List<String> bEvents = events(recording, "1.2");
    assertEquals(1, aEvents.size());
    assertEquals(1, bEvents.size());
    boolean aFirst = aEvents.equals(List.of("LOCK_ACQUIRE 2"));
    assertEquals(aFirst ? List.of("LOCK_ACQUIRE 4") : List.of("LOCK_ACQUIRE 2"), bEvents);

    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    Semaphore replayed = new Semaphore(0);
    ThreadState main = new ThreadState("1");
    ThreadCursor mainCursor = session.cursor("1");
    // The recorded second acquirer starts first and is alone at the first release.
    String second = aFirst ? "1.2" : "1.1";
    String first = aFirst ? "1.1" : "1.2";
    Future<Integer> secondDone = acquireInReplay(actors.get(2), session, order, replayed, second);
    Thread.sleep(30);
    Future<Integer> firstDone = acquireInReplay(actors.get(1), session, order, replayed, first);
    on(actors.get(0), () -> atomic(order, mainCursor, main, replayed, Semaphore::availablePermits));
    on(actors.get(0), () -> atomic(order, mainCursor, main, replayed, release()));
    assertEquals(EventHandler.BLOCKING_DONE, firstDone.get(5, TimeUnit.SECONDS));
    Thread.sleep(30);
    assertFalse(secondDone.isDone(), "the second acquirer's turn comes after the next release");
    on(actors.get(0), () -> atomic(order, mainCursor, main, replayed, release()));
    assertEquals(EventHandler.BLOCKING_DONE, secondDone.get(5, TimeUnit.SECONDS));
    assertEquals(0, replayed.availablePermits());
    for (String thread : List.of("1", "1.1", "1.2")) {
      assertTrue(session.cursor(thread).exhausted(), thread);
    }
  }

  private static Future<Integer> acquireInReplay(
      ExecutorService actor,
      ReplaySession session,
      ReplayedLockOrder order,
      Semaphore semaphore,
      String thread) {
    ThreadState state = new ThreadState(thread);
    ThreadCursor cursor = session.cursor(thread);
    return actor.submit(
        () ->
            order.acquireBlocking(
                cursor, state, new PermitsAcquire(semaphore, 1), false, thread.equals("1.1")));
  }

  @Test
  void aTimedAcquireThatTimedOutTimesOutInReplayEvenWithPermitsThere() throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter out = log.openThread("1.1");
    ExecutorService actor = actors(1).get(0);
    Semaphore recorded = new Semaphore(0);
    long started = System.nanoTime();
    assertEquals(
        EventHandler.BLOCKING_TIMED_OUT,
        on(
            actor,
            () ->
                locks.acquireBlocking(
                    out,
                    new PermitsAcquire(recorded, 1),
                    TimeUnit.MILLISECONDS.toNanos(30),
                    true)));
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(30), "it waited");
    log.finish(0);
    Recording recording = Recording.open(dir);
    assertEquals(List.of("LOCK_TRY_FAILED 0"), events(recording, "1.1"));

    ReplaySession session = new ReplaySession(recording);
    Semaphore replayed = new Semaphore(1);
    ThreadCursor cursor = session.cursor("1.1");
    assertEquals(
        EventHandler.BLOCKING_TIMED_OUT,
        on(
            actor,
            () ->
                new ReplayedLockOrder(0)
                    .acquireBlocking(
                        cursor,
                        new ThreadState("1.1"),
                        new PermitsAcquire(replayed, 1),
                        true,
                        true)));
    assertEquals(1, replayed.availablePermits(), "a replayed timeout takes nothing");
    assertTrue(cursor.exhausted());
  }

  @Test
  void anAcquireInterruptedWhileBlockedIsInterruptedInReplayEvenWithPermitsThere()
      throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    List<ExecutorService> actors = actors(2);
    Thread worker = on(actors.get(1), Thread::currentThread);
    Semaphore recorded = new Semaphore(0);
    // What it returned, and whether the flag was still set after it (the pool clears it later).
    Future<List<Object>> blocked =
        actors
            .get(1)
            .submit(
                () ->
                    List.of(
                        locks.acquireBlocking(workOut, new PermitsAcquire(recorded, 1), -1, true),
                        Thread.currentThread().isInterrupted()));
    Thread.sleep(30);
    assertFalse(blocked.isDone());
    on(
        actors.get(0),
        () -> {
          locks.interrupts().before(worker);
          worker.interrupt();
          locks.interrupts().interrupted(mainOut, worker);
          return null;
        });
    assertEquals(
        List.of(EventHandler.BLOCKING_INTERRUPTED, false),
        blocked.get(5, TimeUnit.SECONDS),
        "interrupted, the flag cleared as the JDK's acquire clears it");
    log.finish(0);
    Recording recording = Recording.open(dir);
    assertEquals(List.of("INTERRUPTED 1"), events(recording, "1.1"));

    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    Semaphore replayed = new Semaphore(1);
    ThreadCursor workCursor = session.cursor("1.1");
    Future<Integer> replay =
        actors
            .get(1)
            .submit(
                () ->
                    order.acquireBlocking(
                        workCursor,
                        new ThreadState("1.1"),
                        new PermitsAcquire(replayed, 1),
                        false,
                        true));
    Thread.sleep(30);
    assertFalse(replay.isDone(), "it waits for the interrupt's turn");
    on(
        actors.get(0),
        () -> order.interrupts().interrupt(session.cursor("1"), new ThreadState("1"), worker));
    assertEquals(EventHandler.BLOCKING_INTERRUPTED, replay.get(5, TimeUnit.SECONDS));
    assertEquals(1, replayed.availablePermits(), "an interrupted acquire takes nothing");
    assertTrue(workCursor.exhausted());
  }

  @Test
  void anAcquireWaitingWhenRecoveryStartsAsksTheNewHandlerAgain() throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter out = log.openThread("1.1");
    ExecutorService actor = actors(1).get(0);
    Semaphore semaphore = new Semaphore(0);
    Future<Integer> waiting =
        actor.submit(() -> locks.acquireBlocking(out, new PermitsAcquire(semaphore, 1), -1, true));
    Thread.sleep(30);
    assertFalse(waiting.isDone());
    locks.replayedOrder(0); // a restored process starts replaying the log's tail
    assertEquals(EventHandler.BLOCKING_AGAIN, waiting.get(5, TimeUnit.SECONDS));
    semaphore.release();
    // An acquire begun after that (live, once recovered) takes its permit as usual.
    assertEquals(
        EventHandler.BLOCKING_DONE,
        on(actor, () -> locks.acquireBlocking(out, new PermitsAcquire(semaphore, 1), -1, true)));
    log.finish(0);
    assertEquals(List.of("LOCK_ACQUIRE 0"), events(Recording.open(dir), "1.1"));
  }

  @Test
  void latchCountsAndTimedAwaitsReplayAsRecorded() throws Exception {
    RecordingWriter log = writer(dir);
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    List<ExecutorService> actors = actors(2);
    CountDownLatch recorded = new CountDownLatch(2);
    long ms = TimeUnit.MILLISECONDS.toNanos(1);
    assertEquals(
        EventHandler.BLOCKING_TIMED_OUT,
        on(actors.get(1), () -> locks.awaitLatch(workOut, recorded, 20 * ms)));
    Future<Integer> awaited =
        actors.get(1).submit(() -> locks.awaitLatch(workOut, recorded, 5_000 * ms));
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      counts.add(
          on(actors.get(0), () -> latch(locks, mainOut, recorded, CountDownLatch::getCount)));
      on(actors.get(0), () -> latch(locks, mainOut, recorded, countDown()));
    }
    assertEquals(EventHandler.BLOCKING_DONE, awaited.get(5, TimeUnit.SECONDS));
    log.finish(0);
    assertEquals(List.of(2L, 1L), counts);
    Recording recording = Recording.open(dir);
    assertEquals(List.of("LOCK_TRY_FAILED 0"), events(recording, "1.1"));

    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    ThreadState main = new ThreadState("1");
    ThreadState work = new ThreadState("1.1");
    ThreadCursor mainCursor = session.cursor("1");
    ThreadCursor workCursor = session.cursor("1.1");
    CountDownLatch replayed = new CountDownLatch(2);
    // The first await timed out: answered at once (no 20 ms wait, no count).
    long started = System.nanoTime();
    assertEquals(
        EventHandler.BLOCKING_TIMED_OUT,
        on(actors.get(1), () -> order.awaitLatch(workCursor, work, replayed, true)));
    assertTrue(System.nanoTime() - started < 20 * ms, "a recorded timeout is not waited for");
    Future<Integer> replayAwait =
        actors.get(1).submit(() -> order.awaitLatch(workCursor, work, replayed, true));
    List<Long> replayedCounts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread.sleep(20);
      assertFalse(replayAwait.isDone(), "the latch is still closed before countDown " + i);
      replayedCounts.add(
          on(
              actors.get(0),
              () -> latch(order, mainCursor, main, replayed, CountDownLatch::getCount)));
      on(actors.get(0), () -> latch(order, mainCursor, main, replayed, countDown()));
    }
    assertEquals(EventHandler.BLOCKING_DONE, replayAwait.get(5, TimeUnit.SECONDS));
    assertEquals(counts, replayedCounts);
    assertTrue(mainCursor.exhausted());
    assertTrue(workCursor.exhausted());
  }

  // ---- helpers --------------------------------------------------------------------------------

  private List<ExecutorService> actors(int n) {
    return fixtures.actors(n);
  }

  private static java.util.function.ToIntFunction<Semaphore> release() {
    return semaphore -> {
      semaphore.release();
      return 0;
    };
  }

  private static java.util.function.ToLongFunction<CountDownLatch> countDown() {
    return latch -> {
      latch.countDown();
      return 0;
    };
  }

  /** An operation ordered as in record (beforeAtomic / afterAtomic). */
  private static int atomic(
      RecordedLockOrder locks,
      ThreadStreamWriter out,
      Semaphore semaphore,
      java.util.function.ToIntFunction<Semaphore> op) {
    return ordered(locks, out, semaphore, () -> op.applyAsInt(semaphore));
  }

  private static long latch(
      RecordedLockOrder locks,
      ThreadStreamWriter out,
      CountDownLatch latch,
      java.util.function.ToLongFunction<CountDownLatch> op) {
    return ordered(locks, out, latch, () -> op.applyAsLong(latch));
  }

  private static <T> T ordered(
      RecordedLockOrder locks, ThreadStreamWriter out, Object key, Supplier<T> op) {
    assertTrue(locks.beforeAtomic(key), "the object is ordered");
    try {
      return op.get();
    } finally {
      locks.afterAtomic(out, key);
    }
  }

  /** The same operation replayed (the replay handler's beforeAtomic / afterAtomic). */
  private static int atomic(
      ReplayedLockOrder order,
      ThreadCursor cursor,
      ThreadState thread,
      Semaphore semaphore,
      java.util.function.ToIntFunction<Semaphore> op) {
    return ordered(order, cursor, thread, semaphore, () -> op.applyAsInt(semaphore));
  }

  private static long latch(
      ReplayedLockOrder order,
      ThreadCursor cursor,
      ThreadState thread,
      CountDownLatch latch,
      java.util.function.ToLongFunction<CountDownLatch> op) {
    return ordered(order, cursor, thread, latch, () -> op.applyAsLong(latch));
  }

  private static <T> T ordered(
      ReplayedLockOrder order,
      ThreadCursor cursor,
      ThreadState thread,
      Object key,
      Supplier<T> op) {
    assertTrue(order.capturesAtomic(key), "the object is ordered");
    order.awaitTurn(cursor, thread, key);
    T result = op.get();
    assertNotEquals(EventHandler.NOT_YET, order.acquired(cursor, thread, key));
    return result;
  }

  private static List<String> events(Recording recording, String thread) throws Exception {
    List<String> events = new ArrayList<>();
    try (ThreadStreamReader r = recording.stream(thread)) {
      while (r.hasNext()) {
        Determinant d = r.next();
        events.add(d.type() + " " + (d.type() == EventType.LOCK_TRY_FAILED ? 0 : d.value()));
      }
    }
    return events;
  }
}
