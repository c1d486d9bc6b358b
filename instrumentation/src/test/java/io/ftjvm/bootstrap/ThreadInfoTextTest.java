package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ThreadInfos as text and back: what the ThreadMXBean answered comes back as equal infos, without
 * the agent's threads and frames, and a text that is not such infos is refused naming its line.
 * (This test's own classes are in the agent's package, so its frames count as the agent's.)
 */
class ThreadInfoTextTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final List<Thread> started = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    StubHandler.uninstall();
    for (Thread t : started) {
      t.interrupt();
      t.join(10_000);
    }
  }

  @Test
  void aThreadOfTheJdksOwnComesBackAsTheMxBeanDescribedIt() throws Exception {
    Timer timer = new Timer("a-timer", true); // waits in the JDK's own TimerThread.mainLoop
    try {
      long id = timerThread().getId();
      ThreadInfo actual = awaitWaiting(id);
      ThreadInfo[] back =
          ThreadInfoText.parse(ThreadInfoText.of(new ThreadInfo[] {actual, null}, 1L));
      assertEquals(2, back.length);
      assertNull(back[1]);
      ThreadInfo info = back[0];
      assertEquals(id, info.getThreadId());
      assertEquals("a-timer", info.getThreadName());
      assertEquals(Thread.State.WAITING, info.getThreadState());
      assertEquals(actual.getLockName(), info.getLockName());
      assertEquals(
          actual.getLockInfo().getIdentityHashCode(), info.getLockInfo().getIdentityHashCode());
      assertEquals(actual.getWaitedCount(), info.getWaitedCount());
      assertEquals(actual.isDaemon(), info.isDaemon());
      assertEquals(actual.getPriority(), info.getPriority());
      assertArrayEquals(actual.getStackTrace(), info.getStackTrace());
      assertEquals(actual.toString(), info.toString());
    } finally {
      timer.cancel();
    }
  }

  @Test
  void anotherThreadLosesTheAgentsFramesTheJdkFramesTheyCalledAndTheMonitorsTheyHeld()
      throws Exception {
    Object lock = new Object();
    CountDownLatch never = new CountDownLatch(1);
    Thread waiting =
        start(
            () -> {
              synchronized (lock) { // in this test's frame, which counts as the agent's
                try {
                  never.await();
                } catch (InterruptedException e) {
                  // the test is over
                }
              }
            });
    ThreadInfo actual = awaitWaiting(waiting.getId());
    assertEquals(1, actual.getLockedMonitors().length, actual.toString());
    ThreadInfo info = ThreadInfoText.parse(ThreadInfoText.of(new ThreadInfo[] {actual}, 1L))[0];
    // The park frames were called by this test's (agent) frame; only the frames below it, Thread's
    // own (run, and runWith on Java 21+), are the program's.
    List<String> actualFrames = frames(actual);
    int testsFrame = actualFrames.size() - 1; // the lowest of this test's frames (its lambda's)
    while (!actualFrames.get(testsFrame).startsWith(ThreadInfoTextTest.class.getName())) {
      testsFrame--;
    }
    assertTrue(actualFrames.get(0).contains("park"), actualFrames.toString());
    assertEquals(actualFrames.subList(testsFrame + 1, actualFrames.size()), frames(info));
    assertEquals("java.lang.Thread.run", frames(info).get(frames(info).size() - 1));
    assertEquals(0, info.getLockedMonitors().length);
    assertEquals(actual.getThreadState(), info.getThreadState());
  }

  @Test
  void aMonitorHeldInAKeptFrameKeepsItsFrameAtItsNewDepth() throws Exception {
    Object lock = new Object();
    ThreadInfo mine;
    synchronized (lock) {
      mine = THREADS.getThreadInfo(new long[] {Thread.currentThread().getId()}, true, false)[0];
    }
    MonitorInfo held = mine.getLockedMonitors()[0];
    int depth = held.getLockedStackDepth();
    assertTrue(depth >= 1, mine.toString());
    // The same info, with the top frame made the agent's and every other one the program's.
    CompositeData data = openData(mine);
    CompositeData[] frames = ((CompositeData[]) data.get("stackTrace")).clone();
    for (int i = 0; i < frames.length; i++) {
      frames[i] = with(frames[i], "className", i == 0 ? "io.ftjvm.agent.Turn" : "app.F" + i);
    }
    CompositeData[] monitors = ((CompositeData[]) data.get("lockedMonitors")).clone();
    monitors[0] = with(monitors[0], "lockedStackFrame", frames[depth]);
    ThreadInfo edited =
        ThreadInfo.from(with(with(data, "stackTrace", frames), "lockedMonitors", monitors));
    ThreadInfo info = ThreadInfoText.parse(ThreadInfoText.of(new ThreadInfo[] {edited}, -1L))[0];
    assertEquals(frames.length - 1, info.getStackTrace().length);
    assertEquals("app.F1", info.getStackTrace()[0].getClassName());
    assertEquals(1, info.getLockedMonitors().length);
    assertEquals(depth - 1, info.getLockedMonitors()[0].getLockedStackDepth());
    assertEquals(held.getIdentityHashCode(), info.getLockedMonitors()[0].getIdentityHashCode());
    assertEquals("app.F" + depth, info.getLockedMonitors()[0].getLockedStackFrame().getClassName());
  }

  @Test
  void aNameWithNewlinesAndBackslashesComesBackWhole() throws Exception {
    Thread odd = start(() -> park(), "line one\nline\\two\r");
    ThreadInfo info =
        ThreadInfoText.parse(ThreadInfoText.of(new ThreadInfo[] {awaitWaiting(odd.getId())}, 1L))[
            0];
    assertEquals("line one\nline\\two\r", info.getThreadName());
  }

  @Test
  void aTextThatIsNotThreadInfosIsRefusedNamingTheLine() throws Exception {
    String good =
        ThreadInfoText.of(
            new ThreadInfo[] {THREADS.getThreadInfo(Thread.currentThread().getId())}, 1L);
    IllegalArgumentException cut =
        assertThrows(
            IllegalArgumentException.class,
            () -> ThreadInfoText.parse(good.substring(0, good.length() / 2)));
    assertTrue(cut.getMessage().startsWith("thread info text"), cut.getMessage());
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> ThreadInfoText.parse("two\n"));
    assertEquals("thread info text, line 1: expected a count, found 'two'", count.getMessage());
    String badNumber = good.replaceFirst("\nblockedCount=-?\\d+\n", "\nblockedCount=many\n");
    IllegalArgumentException number =
        assertThrows(IllegalArgumentException.class, () -> ThreadInfoText.parse(badNumber));
    assertTrue(
        number
            .getMessage()
            .contains("expected a value of java.lang.Long, found 'blockedCount=many'"),
        number.getMessage());
    String renamed = good.replaceFirst("\nblockedTime=", "\nblockTime=");
    IllegalArgumentException item =
        assertThrows(IllegalArgumentException.class, () -> ThreadInfoText.parse(renamed));
    assertTrue(
        item.getMessage().contains("expected item blockedTime of java.lang.management.ThreadInfo"),
        item.getMessage());
    IllegalArgumentException extra =
        assertThrows(IllegalArgumentException.class, () -> ThreadInfoText.parse(good + "-\n"));
    assertTrue(extra.getMessage().contains("the end of the thread infos"), extra.getMessage());
    assertEquals(0, ThreadInfoText.parse("0\n").length);
  }

  @Test
  void aDumpLeavesTheAgentsThreadsOutLogsTheRestAndAnswersWhatTheHandlerAnswered()
      throws Exception {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread agents = start(root, ThreadInfoTextTest::park, "ftjvm-test-helper");
    Thread programs = start(null, ThreadInfoTextTest::park, "ftjvm-but-the-programs");
    awaitWaiting(agents.getId());
    awaitWaiting(programs.getId());
    ThreadInfo[] recorded = {THREADS.getThreadInfo(programs.getId())};
    List<String> logged = new ArrayList<>();
    StubHandler.install(
        (event, args) -> {
          assertEquals("text", event);
          assertEquals(EventKind.THREAD_INFO, args[1]);
          logged.add((String) args[2]);
          return ThreadInfoText.of(recorded, 1L);
        });
    ThreadInfo[] answer = ThreadInfoHooks.allThreadInfos(THREADS.dumpAllThreads(false, false));
    assertEquals(1, logged.size());
    assertFalse(logged.get(0).contains("threadName=ftjvm-test-helper\n"), logged.get(0));
    assertTrue(logged.get(0).contains("threadName=ftjvm-but-the-programs\n"), logged.get(0));
    assertEquals(1, answer.length);
    assertEquals(recorded[0].toString(), answer[0].toString());
  }

  @Test
  void threadIdsLeaveTheAgentsOutAndComeBackAsTheHandlerAnswered() throws Exception {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread agents = start(root, ThreadInfoTextTest::park, "ftjvm-test-helper");
    List<Object> logged = new ArrayList<>();
    StubHandler.install(
        (event, args) -> {
          assertEquals(EventKind.JVM_TEXT, args[1]);
          logged.add(args[2]);
          return "7,3";
        });
    long[] ids = ThreadInfoHooks.threadIds(THREADS.getAllThreadIds());
    assertArrayEquals(new long[] {7, 3}, ids);
    String shown = (String) logged.get(0);
    assertFalse(List.of(shown.split(",")).contains(String.valueOf(agents.getId())), shown);
    assertTrue(
        List.of(shown.split(",")).contains(String.valueOf(Thread.currentThread().getId())), shown);
    assertNull(ThreadInfoHooks.parseIds(ThreadInfoHooks.idsText(null)));
    assertArrayEquals(new long[0], ThreadInfoHooks.parseIds(ThreadInfoHooks.idsText(new long[0])));
    assertThrows(IllegalArgumentException.class, () -> ThreadInfoHooks.parseIds("1,x"));
  }

  private Thread start(Runnable body) {
    return start(null, body, "a-waiter");
  }

  private Thread start(Runnable body, String name) {
    return start(null, body, name);
  }

  private Thread start(ThreadGroup group, Runnable body, String name) {
    Thread t = new Thread(group, body, name);
    t.setDaemon(true);
    t.start();
    started.add(t);
    return t;
  }

  private static void park() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      // the test is over
    }
  }

  private static Thread timerThread() throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("a-timer")) {
          return t;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the timer's thread never started");
  }

  /** The thread's info once it waits (locked monitors and synchronizers included). */
  private static ThreadInfo awaitWaiting(long id) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      ThreadInfo info = THREADS.getThreadInfo(new long[] {id}, true, true)[0];
      if (info != null && info.getThreadState() == Thread.State.WAITING) {
        return info;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("thread " + id + " never waited");
  }

  private static List<String> frames(ThreadInfo info) {
    List<String> names = new ArrayList<>();
    for (StackTraceElement f : info.getStackTrace()) {
      names.add(f.getClassName() + "." + f.getMethodName());
    }
    return names;
  }

  private static CompositeData openData(ThreadInfo info) throws Exception {
    return (CompositeData)
        ((Object[])
                new javax.management.StandardMBean(
                        () -> new ThreadInfo[] {info}, ThreadInfosMXBean.class, true)
                    .getAttribute("Infos"))
            [0];
  }

  private static CompositeData with(CompositeData data, String key, Object value) throws Exception {
    Map<String, Object> items = new HashMap<>();
    for (String k : data.getCompositeType().keySet()) {
      items.put(k, data.get(k));
    }
    items.put(key, value);
    return new CompositeDataSupport(data.getCompositeType(), items);
  }
}
