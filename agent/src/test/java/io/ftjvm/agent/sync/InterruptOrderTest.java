package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupt order of one thread, recorded and replayed with real threads: the main thread ("1")
 * interrupts a worker ("1.1") and reads its flag; the worker reads its own flag twice (once without
 * clearing it, once clearing it). Only the worker's first sight of the interrupt is an event;
 * replay answers each read as recorded.
 */
class InterruptOrderTest {
  @TempDir Path dir;

  private ExecutorService worker;
  private Thread workerThread;

  @BeforeEach
  void startWorker() throws Exception {
    worker = Executors.newSingleThreadExecutor();
    workerThread = on(Thread::currentThread);
  }

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void onlyTheFirstSightOfAnInterruptIsLoggedAndOtherThreadsReadsCarryTheirAnswer()
      throws Exception {
    record();

    Recording recording = Recording.open(dir);
    assertEquals(
        List.of("INTERRUPT_CHECK 0", "INTERRUPT 1", "INTERRUPT_CHECK_SET 3"),
        events(recording, "1"));
    assertEquals(List.of("INTERRUPTED 2"), events(recording, "1.1"));
  }

  @Test
  void replayAnswersEveryReadAsRecordedWhateverTheTiming() throws Exception {
    record();
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadState main = new ThreadState("1");
    ThreadState work = new ThreadState("1.1");
    ThreadCursor mainCursor = session.cursor("1");
    ThreadCursor workCursor = session.cursor("1.1");

    // The worker looks before the interrupt is delivered: no, however often it looks.
    assertEquals(
        EventHandler.ANSWER_FALSE,
        on(() -> interrupts.read(workCursor, work, workerThread, false)));
    assertEquals(
        EventHandler.ANSWER_FALSE,
        interrupts.read(mainCursor, main, workerThread, false)); // the check before the interrupt
    assertEquals(EventHandler.ANSWER_FALSE, interrupts.interrupt(mainCursor, main, workerThread));
    assertEquals(
        EventHandler.ANSWER_TRUE, on(() -> interrupts.read(workCursor, work, workerThread, false)));
    assertEquals(
        EventHandler.ANSWER_TRUE,
        on(() -> interrupts.read(workCursor, work, workerThread, true))); // seen: no event
    assertEquals(
        EventHandler.ANSWER_FALSE,
        on(() -> interrupts.read(workCursor, work, workerThread, true))); // cleared
    assertEquals(
        EventHandler.ANSWER_TRUE,
        interrupts.read(mainCursor, main, workerThread, false)); // recorded: true
    assertTrue(mainCursor.exhausted());
    assertTrue(workCursor.exhausted());
  }

  @Test
  void aBlockingCallRecordedAsInterruptedWaitsForTheInterruptThenThrows() throws Exception {
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    locks.interrupts().before(workerThread);
    locks.interrupts().interrupted(mainOut, workerThread);
    on(
        () -> {
          locks.interrupts().thrown(workOut); // sleep threw InterruptedException
          return null;
        });
    log.finish(0);

    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadCursor workCursor = session.cursor("1.1");
    var blocked = worker.submit(() -> interrupts.interruptedHere(workCursor, work(), null));
    Thread.sleep(50);
    assertFalse(blocked.isDone(), "it must wait for the interrupt's turn");
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), workerThread);
    assertTrue(blocked.get());
    assertTrue(workCursor.exhausted());
  }

  @Test
  void aReadInsideAnAcquisitionWaitingForItsTurnAnswersFalseThoughTheNextInterruptIsDelivered()
      throws Exception {
    // Recorded: the worker took a lock (lockInterruptibly's own read of the flag answered false,
    // so it is no event), then main interrupted it, then the worker saw the interrupt.
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedLockOrder locks = new RecordedLockOrder();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    Object lock = new Object();
    on(
        () -> {
          locks.acquired(workOut, lock);
          return null;
        });
    locks.interrupts().before(workerThread);
    locks.interrupts().interrupted(mainOut, workerThread);
    on(
        () -> {
          locks.interrupts().before(workerThread);
          locks.interrupts().read(() -> workOut, workerThread, true, true, false);
          return null;
        });
    log.finish(0);

    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    ReplayedInterrupts interrupts = order.interrupts();
    ThreadState work = work();
    ThreadCursor workCursor = session.cursor("1.1");
    on(
        () -> {
          order.awaitTurn(workCursor, work, lock); // its turn has come; the lock is not taken yet
          return null;
        });
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), workerThread);
    assertEquals(
        EventHandler.ANSWER_FALSE,
        on(() -> interrupts.read(workCursor, work, workerThread, true)),
        "the acquisition's own read: the recorded one went through");
    assertNotEquals(EventHandler.NOT_YET, on(() -> order.acquired(workCursor, work, lock)));
    assertEquals(
        EventHandler.ANSWER_TRUE, on(() -> interrupts.read(workCursor, work, workerThread, true)));
    assertTrue(workCursor.exhausted());
  }

  @Test
  void aPollingLoopStopsAtTheRecordedRoundWhateverTheTiming() throws Exception {
    // Recorded: the worker polled its flag three times (false), was interrupted, polled once more.
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedLockOrder locks = new RecordedLockOrder();
    RecordedInterrupts recorded = locks.interrupts();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    on(
        () -> {
          for (int i = 0; i < 3; i++) {
            recorded.before(workerThread);
            recorded.read(() -> workOut, workerThread, true, false, true);
          }
          recorded.before(workerThread);
          recorded.read(() -> workOut, workerThread, true, false, false); // the JDK's own: no event
          return null;
        });
    recorded.before(workerThread);
    recorded.interrupted(mainOut, workerThread);
    on(
        () -> {
          recorded.before(workerThread);
          recorded.read(() -> workOut, workerThread, true, true, true);
          return null;
        });
    log.finish(0);
    assertEquals(
        List.of("INTERRUPT_CHECK 0", "INTERRUPT_CHECK 1", "INTERRUPT_CHECK 2", "INTERRUPTED 4"),
        events(Recording.open(dir), "1.1"));

    // Replay: three polls answer false at once, the fourth waits for the interrupt's turn (which
    // comes after them), then answers true.
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadCursor workCursor = session.cursor("1.1");
    ThreadState work = work();
    var polls =
        worker.submit(
            () -> {
              List<Integer> answers = new ArrayList<>();
              work.enterPoll();
              try {
                for (int i = 0; i < 4; i++) {
                  answers.add(interrupts.read(workCursor, work, workerThread, true));
                }
              } finally {
                work.exitPoll();
              }
              return answers;
            });
    Thread.sleep(50);
    assertFalse(polls.isDone(), "the fourth poll must wait for the interrupt's turn");
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), workerThread);
    assertEquals(
        List.of(
            EventHandler.ANSWER_FALSE,
            EventHandler.ANSWER_FALSE,
            EventHandler.ANSWER_FALSE,
            EventHandler.ANSWER_TRUE),
        polls.get());
    assertTrue(workCursor.exhausted());
  }

  @Test
  void aWaitLoopsReadWaitsForTheRecordedInterruptWhereAnOrdinaryReadAnswersFalse()
      throws Exception {
    // Recorded: main interrupted the worker, whose JDK read in a wait loop (CompletableFuture's
    // get) saw it.
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedInterrupts recorded = new RecordedLockOrder().interrupts();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    recorded.before(workerThread);
    recorded.interrupted(mainOut, workerThread);
    on(
        () -> {
          recorded.before(workerThread);
          recorded.read(() -> workOut, workerThread, true, true, false);
          return null;
        });
    log.finish(0);

    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadCursor workCursor = session.cursor("1.1");
    ThreadState work = work();
    assertEquals(
        EventHandler.ANSWER_FALSE,
        on(() -> interrupts.read(workCursor, work, workerThread, true)),
        "an ordinary JDK read does not wait: it may hold a lock the interrupter needs");
    var waitRead =
        worker.submit(
            () -> {
              work.enterWaitRead();
              try {
                return interrupts.read(workCursor, work, workerThread, true);
              } finally {
                work.exitWaitRead();
              }
            });
    Thread.sleep(50);
    assertFalse(waitRead.isDone(), "the wait loop's read must wait for the interrupt's turn");
    interrupts.interrupt(session.cursor("1"), new ThreadState("1"), workerThread);
    assertEquals(EventHandler.ANSWER_TRUE, waitRead.get());
    assertTrue(workCursor.exhausted());
  }

  @Test
  void joinsAndLivenessReadsAreAnsweredInTheirTurnsAroundTheThreadsEnd() throws Exception {
    // Recorded: thread 1 joined the worker before it had started (the join returned at once), the
    // worker ended, then 1 found it not alive and joined it again.
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedInterrupts recorded = new RecordedLockOrder().interrupts();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    recorded.joined(mainOut, workerThread);
    on(
        () -> {
          recorded.ending(workOut);
          return null;
        });
    recorded.before(workerThread);
    recorded.aliveRead(mainOut, workerThread, false);
    recorded.joined(mainOut, workerThread);
    log.finish(0);
    Recording recording = Recording.open(dir);
    assertEquals(
        List.of("THREAD_JOINED 0", "THREAD_NOT_ALIVE 2", "THREAD_JOINED 3"),
        events(recording, "1"));
    assertEquals(List.of("THREAD_END 1"), events(recording, "1.1"));

    // Replay: the first join returns although the worker is running; the read of whether it is
    // alive waits for its end, then answers as recorded.
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadState main = new ThreadState("1");
    ThreadCursor mainCursor = session.cursor("1");
    assertTrue(interrupts.joinReturnsHere(mainCursor, main, workerThread, null));
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      var alive = reader.submit(() -> interrupts.aliveRead(mainCursor, main, workerThread));
      Thread.sleep(50);
      assertFalse(alive.isDone(), "the read must wait for the worker's end");
      ThreadCursor workCursor = session.cursor("1.1");
      on(
          () -> {
            interrupts.ending(workCursor, work());
            return null;
          });
      assertEquals(EventHandler.ANSWER_FALSE, alive.get());
      assertTrue(workCursor.exhausted());
    } finally {
      reader.shutdownNow();
    }
    assertTrue(interrupts.joinReturnsHere(mainCursor, main, workerThread, null));
    assertTrue(mainCursor.exhausted());
    // A join whose recording says nothing of it runs as it would (here: the cursor is at its end).
    assertFalse(interrupts.joinReturnsHere(mainCursor, main, workerThread, null));
  }

  @Test
  void stateReadsAnswerTheRecordedStateInTheirTurns() throws Exception {
    // Recorded: thread 1 found the worker WAITING, the worker ended, then 1 found it TERMINATED.
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedInterrupts recorded = new RecordedLockOrder().interrupts();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    recorded.before(workerThread);
    recorded.stateRead(mainOut, workerThread, Thread.State.WAITING);
    on(
        () -> {
          recorded.ending(workOut);
          return null;
        });
    recorded.before(workerThread);
    recorded.stateRead(mainOut, workerThread, Thread.State.TERMINATED);
    log.finish(0);
    assertEquals(List.of("THREAD_STATE 0", "THREAD_STATE 2"), events(Recording.open(dir), "1"));

    // Replay: whatever the worker is doing now, the first read answers WAITING at once; the second
    // waits for the worker's end, then answers TERMINATED.
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedInterrupts interrupts = new ReplayedLockOrder(0).interrupts();
    ThreadState main = new ThreadState("1");
    ThreadCursor mainCursor = session.cursor("1");
    assertEquals(Thread.State.WAITING, interrupts.stateRead(mainCursor, main, workerThread));
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      var state = reader.submit(() -> interrupts.stateRead(mainCursor, main, workerThread));
      Thread.sleep(50);
      assertFalse(state.isDone(), "the read must wait for the worker's end");
      ThreadCursor workCursor = session.cursor("1.1");
      on(
          () -> {
            interrupts.ending(workCursor, work());
            return null;
          });
      assertEquals(Thread.State.TERMINATED, state.get());
    } finally {
      reader.shutdownNow();
    }
    assertTrue(mainCursor.exhausted());
  }

  /** Thread 1 checks the worker's flag, interrupts it, the worker sees it twice, 1 checks again. */
  private void record() throws Exception {
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedLockOrder locks = new RecordedLockOrder();
    RecordedInterrupts interrupts = locks.interrupts();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");
    interrupts.before(workerThread);
    interrupts.read(() -> mainOut, workerThread, false, false, false);
    interrupts.before(workerThread);
    interrupts.interrupted(mainOut, workerThread);
    on(
        () -> {
          interrupts.before(workerThread);
          interrupts.read(() -> workOut, workerThread, false, true, false);
          interrupts.before(workerThread);
          interrupts.read(() -> workOut, workerThread, true, true, false);
          interrupts.before(workerThread);
          interrupts.read(() -> workOut, workerThread, true, false, false);
          return null;
        });
    interrupts.before(workerThread);
    interrupts.read(() -> mainOut, workerThread, false, true, false);
    log.finish(0);
  }

  private static ThreadState work() {
    return new ThreadState("1.1");
  }

  /** Runs a step on the worker thread (the thread whose interrupt order this is). */
  private <T> T on(Callable<T> step) throws Exception {
    return worker.submit(step).get();
  }
}
