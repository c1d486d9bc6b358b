package io.ftjvm.agent.sync;

import static io.ftjvm.agent.sync.OrderFixtures.on;
import static io.ftjvm.agent.sync.OrderFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.ThreadLifeHooks;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.replayer.engine.Divergence;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads alive, as {@code Thread.enumerate} told the application: a recording names them by
 * logical id (by name for a thread that is not the application's), and replay answers with the
 * threads of its own run that carry those ids, waiting for one not made yet.
 */
class ListedThreadsTest {
  @TempDir Path dir;

  private final OrderFixtures fixtures = new OrderFixtures();

  @AfterEach
  void stop() {
    fixtures.stopAll();
  }

  @Test
  void aRecordingNamesTheApplicationsThreadsByIdAndOthersByName() throws Exception {
    ExecutorService main = fixtures.actors(1).get(0);
    Thread[] threads =
        on(
            main,
            () ->
                asApplication(
                    "7",
                    () ->
                        new Thread[] {
                          Thread.currentThread(), created("worker"), created("helper"),
                        }));
    Thread notTheApplications = new Thread(() -> {}, "pool-1-thread-1");
    assertEquals(
        "7\n7.1\n7.2\n~pool-1-thread-1",
        ListedThreads.names(new Thread[] {threads[0], threads[1], threads[2], notTheApplications}));
  }

  @Test
  void replayAnswersWithThisRunsThreadsWaitingForOneNotMadeYet() throws Exception {
    RecordingWriter log = writer(dir);
    log.openThread("8").text(EventType.THREADS_LISTED, "8\n8.1\n~census-helper");
    log.finish(0);
    Recording recording = Recording.open(dir);
    ThreadCursor cursor = new ReplaySession(recording).cursor("8");
    Thread helper = new Thread(() -> {}, "census-helper");
    Map<String, String> waiting = new ConcurrentHashMap<>();

    ExecutorService main = fixtures.actors(1).get(0);
    ExecutorService asker = fixtures.actors(1).get(0);
    on(asker, () -> null); // its thread made now, not as the application's child
    Future<Thread[]> made =
        main.submit(
            () ->
                asApplication(
                    "8",
                    () -> {
                      Thread self = Thread.currentThread();
                      Future<Thread[]> answer =
                          asker.submit(
                              () ->
                                  ListedThreads.replayed(
                                      cursor,
                                      new ThreadState("8"),
                                      new Thread[] {helper},
                                      waiting));
                      Thread.sleep(200);
                      assertFalse(answer.isDone(), "answered before thread 8.1 was made");
                      assertTrue(
                          waiting.get("8").contains("waits for thread 8.1 to be created"),
                          waiting.toString());
                      Thread worker = created("worker");
                      Thread[] listed = answer.get(10, TimeUnit.SECONDS);
                      assertArrayEquals(new Thread[] {self, worker, helper}, listed);
                      return listed;
                    }));
    made.get(20, TimeUnit.SECONDS);
    assertTrue(waiting.isEmpty(), "no longer waiting: " + waiting);
    assertTrue(cursor.exhausted());
  }

  @Test
  void aThreadThatIsNotTheApplicationsAndIsNotThereIsADivergence() throws Exception {
    RecordingWriter log = writer(dir);
    log.openThread("9").text(EventType.THREADS_LISTED, "~gone");
    log.finish(0);
    ThreadCursor cursor = new ReplaySession(Recording.open(dir)).cursor("9");
    Divergence d =
        assertThrows(
            Divergence.class,
            () ->
                ListedThreads.replayed(
                    cursor, new ThreadState("9"), new Thread[0], new ConcurrentHashMap<>()));
    assertTrue(d.expected().contains("'gone'"), d.expected());
  }

  /** A step run as an application thread with the given logical id would run it. */
  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> T asApplication(String logicalId, Step<T> step) throws Exception {
    Hooks.install(EventHandler.PASS_THROUGH);
    AppThreads.adopt(logicalId);
    try {
      return step.run();
    } finally {
      Hooks.deactivate();
      AppThreads.disown();
    }
  }

  /** A thread made as the advised constructors make it: paired with the id it inherits. */
  private static Thread created(String name) {
    ThreadLifeHooks.constructing();
    Thread t = new Thread(() -> {}, name);
    ThreadLifeHooks.constructed(t);
    return t;
  }
}
