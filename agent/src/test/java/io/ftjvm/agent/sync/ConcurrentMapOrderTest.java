package io.ftjvm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole operations on a ConcurrentHashMap as ordered calls, with real threads: the main thread
 * ("1") wins a putIfAbsent race that the worker ("1.1") loses, then the worker runs a compute whose
 * function uses an atomic and reads the same map. The map's turn is logged at the start of the
 * call, before the events of the function inside it; replay keeps the recorded winner however the
 * threads arrive, and holds the next call back until the one before it has ended.
 */
class ConcurrentMapOrderTest {
  @TempDir Path dir;

  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void theMapsTurnComesBeforeTheEventsOfTheFunctionItRuns() throws Exception {
    record();
    Recording recording = Recording.open(dir);
    // Lock 1 is the map (first ordered by thread 1), lock 2 the atomic.
    assertEquals(List.of("1#0"), turns(recording, "1"));
    assertEquals(List.of("1#1", "1#2", "2#0", "1#3"), turns(recording, "1.1"));
  }

  @Test
  void replayKeepsTheRecordedWinnerWhicheverThreadArrivesFirst() throws Exception {
    record();
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    ThreadCursor mainCursor = session.cursor("1");
    ThreadCursor workCursor = session.cursor("1.1");

    Future<String> late =
        worker.submit(
            () -> {
              order.enterOrderedCall(workCursor, new ThreadState("1.1"), map);
              try {
                return map.putIfAbsent("k", "worker");
              } finally {
                order.exitOrderedCall(map);
              }
            });
    Thread.sleep(50);
    assertFalse(late.isDone(), "the worker's putIfAbsent was recorded second: it must wait");

    order.enterOrderedCall(mainCursor, new ThreadState("1"), map);
    try {
      assertNull(map.putIfAbsent("k", "main"));
      Thread.sleep(50);
      assertFalse(late.isDone(), "the next call must not start before this one has ended");
    } finally {
      order.exitOrderedCall(map);
    }
    assertEquals("main", late.get(), "the worker lost the race, as recorded");
  }

  @Test
  void aCallInsideACallOnTheSameMapReplaysWithoutWaitingForItself() throws Exception {
    record();
    ReplaySession session = new ReplaySession(Recording.open(dir));
    ReplayedLockOrder order = new ReplayedLockOrder(0);
    ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    AtomicLong atomic = new AtomicLong();
    ThreadCursor mainCursor = session.cursor("1");
    ThreadCursor workCursor = session.cursor("1.1");
    ThreadState main = new ThreadState("1");
    ThreadState work = new ThreadState("1.1");

    order.enterOrderedCall(mainCursor, main, map);
    map.putIfAbsent("k", "main");
    order.exitOrderedCall(map);
    String computed =
        worker
            .submit(
                () -> {
                  order.enterOrderedCall(workCursor, work, map);
                  map.putIfAbsent("k", "worker");
                  order.exitOrderedCall(map);
                  order.enterOrderedCall(workCursor, work, map);
                  try {
                    return map.compute(
                        "n",
                        (key, old) -> {
                          order.awaitTurn(workCursor, work, atomic);
                          long ticket = atomic.incrementAndGet();
                          order.acquired(workCursor, work, atomic);
                          order.enterOrderedCall(workCursor, work, map);
                          try {
                            return map.get("k") + ticket;
                          } finally {
                            order.exitOrderedCall(map);
                          }
                        });
                  } finally {
                    order.exitOrderedCall(map);
                  }
                })
            .get();
    assertEquals("main1", computed);
    assertTrue(workCursor.exhausted());
  }

  /**
   * Thread 1: putIfAbsent(k) wins. Thread 1.1: putIfAbsent(k) loses, then compute(n) whose function
   * increments an atomic and reads k from the same map.
   */
  private void record() throws Exception {
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    RecordedLockOrder order = new RecordedLockOrder();
    ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    AtomicLong atomic = new AtomicLong();
    ThreadStreamWriter mainOut = log.openThread("1");
    ThreadStreamWriter workOut = log.openThread("1.1");

    assertTrue(enter(order, mainOut, map));
    assertNull(map.putIfAbsent("k", "main"));
    order.exitOrderedCall(map);
    String computed =
        worker
            .submit(
                () -> {
                  enter(order, workOut, map);
                  assertEquals("main", map.putIfAbsent("k", "worker"));
                  order.exitOrderedCall(map);
                  enter(order, workOut, map);
                  try {
                    return map.compute(
                        "n",
                        (key, old) -> {
                          order.beforeAtomic(atomic);
                          long ticket = atomic.incrementAndGet();
                          order.afterAtomic(workOut, atomic);
                          enter(order, workOut, map); // reentrant: same thread
                          try {
                            return map.get("k") + ticket;
                          } finally {
                            order.exitOrderedCall(map);
                          }
                        });
                  } finally {
                    order.exitOrderedCall(map);
                  }
                })
            .get();
    assertEquals("main1", computed);
    log.finish(0);
  }

  /** As the record handler does: true when the map is ordered, its turn then logged. */
  private static boolean enter(RecordedLockOrder order, ThreadStreamWriter out, Object map) {
    LockState state = order.orderedState(map);
    if (state == null) {
      return false;
    }
    order.enterOrderedCall(out, state);
    return true;
  }

  /** The thread's turns, as "lock#index". */
  private static List<String> turns(Recording recording, String thread) throws Exception {
    List<String> turns = new ArrayList<>();
    try (ThreadStreamReader r = recording.stream(thread)) {
      while (r.hasNext()) {
        Determinant d = r.next();
        turns.add(d.channel() + "#" + d.value());
      }
    }
    return turns;
  }
}
