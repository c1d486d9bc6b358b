package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The naming of fork-join tasks, called as the advised JDK methods call it: a push names the task
 * among the pusher's children, the thread running the task takes its state (and, in replay, the
 * recorded runner's name) and gives it back, and pool workers are created outside the schedule. A
 * handler that notes which tasks start stands in for the recorder or the replayer.
 */
class ForkJoinTasksTest {
  private final List<String> started = new ArrayList<>();
  private volatile String recordedRunner;

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          if (event.equals("taskStarts")) {
            started.add(((ThreadState) args[0]).logicalId());
            return recordedRunner;
          }
          throw StubHandler.unexpected(event);
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void aPushedTaskIsNumberedAmongThePushersChildrenAndRunsUnderThatId() throws Exception {
    ThreadState main = AppThreads.current();
    Object first = new Object();
    Object second = new Object();
    Thread child = new Thread(() -> {}); // child 1.1, in creation order with the tasks
    ForkJoinTasks.pushed(first);
    ForkJoinTasks.pushed(second);

    ForkJoinTasks.Frame frame = ForkJoinTasks.running(second);
    ThreadState running = AppThreads.current();
    assertEquals("1.3", running.logicalId());
    assertTrue(running.isTask());
    assertEquals("task 1.3", running.toString());
    ForkJoinTasks.pushed(new Object()); // a task the task forks: its own child
    ForkJoinTasks.ran(frame);
    assertSame(main, AppThreads.current());

    AtomicReference<ThreadState> onAnotherThread = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              AppThreads.disown(); // a pool worker has no state of its own
              ForkJoinTasks.Frame f = ForkJoinTasks.running(first);
              onAnotherThread.set(AppThreads.current());
              ForkJoinTasks.ran(f);
              assertNull(AppThreads.current());
            });
    worker.start();
    worker.join();
    assertEquals("1.2", onAnotherThread.get().logicalId());
    assertEquals(List.of("1.3", "1.2"), started);
    assertFalse(child.isAlive());
  }

  @Test
  void everyPushIsANewTaskSoATaskThatForksItselfWhileRunningDoesNotShareItsStream() {
    Object task = new Object();
    ForkJoinTasks.pushed(task);
    ForkJoinTasks.Frame outer = ForkJoinTasks.running(task);
    assertEquals("1.1", AppThreads.current().logicalId());
    ForkJoinTasks.pushed(task); // as a parallel stream's task hands on the rest of its range
    ForkJoinTasks.Frame inner = ForkJoinTasks.running(task);
    assertEquals("1.1.1", AppThreads.current().logicalId());
    ForkJoinTasks.ran(inner);
    assertEquals("1.1", AppThreads.current().logicalId());
    ForkJoinTasks.ran(outer);
    assertEquals("1", AppThreads.current().logicalId());
  }

  @Test
  void aTaskRunWithoutBeingPushedStaysInItsCallersStream() {
    assertNull(ForkJoinTasks.running(new Object()), "invoke() runs the task in place");
    assertEquals("1", AppThreads.current().logicalId());
    assertEquals(List.of(), started);
  }

  @Test
  void aGuardedThreadRunsTasksWithoutTakingTheirState() {
    Object task = new Object();
    ForkJoinTasks.pushed(task);
    ThreadState main = AppThreads.current();
    main.enterAgent();
    try {
      assertNull(ForkJoinTasks.running(task));
      assertSame(main, AppThreads.current());
      ForkJoinTasks.pushed(new Object()); // nor does it name the tasks it pushes
    } finally {
      main.exitAgent();
    }
    ForkJoinTasks.pushed(task);
    assertNotNullFrame(task, "1.2");
  }

  @Test
  void replayGivesTheWorkerTheRecordedRunnersNameWhileItRunsTheTask() {
    Object task = new Object();
    ForkJoinTasks.pushed(task);
    recordedRunner = "ForkJoinPool-1-worker-3";
    String own = Thread.currentThread().getName();
    ForkJoinTasks.Frame frame = ForkJoinTasks.running(task);
    assertEquals("ForkJoinPool-1-worker-3", Thread.currentThread().getName());
    ForkJoinTasks.ran(frame);
    assertEquals(own, Thread.currentThread().getName());
  }

  @Test
  void aPoolWorkerIsCreatedOutsideTheSchedule() throws Exception {
    ThreadState caller = ForkJoinTasks.creatingWorker();
    AtomicReference<ThreadState> workerState = new AtomicReference<>(caller);
    Thread worker = new Thread(() -> workerState.set(AppThreads.current()));
    ForkJoinTasks.workerCreated(caller);
    worker.start();
    worker.join();
    assertNull(workerState.get(), "a pool worker is no application thread");
    assertSame(caller, AppThreads.current());
    Object task = new Object();
    ForkJoinTasks.pushed(task);
    assertNotNullFrame(task, "1.1"); // the worker took no place among the caller's children
  }

  @Test
  void deeplyNestedTasksKeepIdsARecordingAccepts() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Deque<ForkJoinTasks.Frame> frames = new java.util.ArrayDeque<>();
    for (int depth = 0; depth < 500; depth++) {
      Object sibling = new Object();
      Object task = new Object();
      ForkJoinTasks.pushed(sibling);
      ForkJoinTasks.pushed(task); // a recursive task forking at every level
      for (Object t : new Object[] {sibling, task}) {
        ForkJoinTasks.Frame frame = ForkJoinTasks.running(t);
        String id = AppThreads.current().logicalId();
        assertTrue(id.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*"), id);
        assertTrue(id.length() <= 200, id);
        assertTrue(seen.add(id), "two tasks named " + id);
        if (t == sibling) {
          ForkJoinTasks.ran(frame);
        } else {
          frames.push(frame);
        }
      }
    }
    assertTrue(seen.stream().anyMatch(id -> id.startsWith("1.0.")), "long ids were folded");
    while (!frames.isEmpty()) {
      ForkJoinTasks.ran(frames.pop());
    }
    assertEquals("1", AppThreads.current().logicalId());
  }

  private void assertNotNullFrame(Object task, String expectedId) {
    ForkJoinTasks.Frame frame = ForkJoinTasks.running(task);
    try {
      assertEquals(expectedId, AppThreads.current().logicalId());
    } finally {
      ForkJoinTasks.ran(frame);
    }
  }
}
