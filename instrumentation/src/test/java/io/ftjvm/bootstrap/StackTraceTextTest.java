package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackTraceTextTest {
  private static final StackTraceElement APP = frame("com.example.Main", "main");
  private static final StackTraceElement PARK = frame("jdk.internal.misc.Unsafe", "park");
  private static final StackTraceElement LOCK_SUPPORT =
      frame("java.util.concurrent.locks.LockSupport", "park");
  private static final StackTraceElement HOOK = frame("io.ftjvm.bootstrap.SyncHooks", "enter");
  private static final StackTraceElement MAP_PUT =
      frame("java.util.concurrent.ConcurrentHashMap", "putVal");

  private static StackTraceElement frame(String className, String method) {
    return new StackTraceElement(className, method, className + ".java", 10);
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void tracesComeBackAsTheyWereWrittenAbsentFieldsAndNativeFramesIncluded() {
    StackTraceElement[][] traces = {
      {
        new StackTraceElement("app", null, null, "com.example.Main", "run", null, -1),
        new StackTraceElement(null, "java.base", "17", "java.lang.Thread", "sleep", null, -2),
      },
      {},
      {APP}
    };
    StackTraceElement[][] back = StackTraceText.parse(StackTraceText.of(traces));
    assertEquals(3, back.length);
    for (int i = 0; i < traces.length; i++) {
      assertArrayEquals(traces[i], back[i], "trace " + i);
    }
    assertEquals(0, StackTraceText.parse("").length);
  }

  @Test
  void aTextThatIsNotTracesIsRefusedNamingTheLine() {
    String good = StackTraceText.of(new StackTraceElement[][] {{APP, APP}});
    IllegalArgumentException shortened =
        assertThrows(
            IllegalArgumentException.class,
            () -> StackTraceText.parse(good.substring(0, good.indexOf('\n') + 1)));
    assertTrue(
        shortened.getMessage().contains("line 1 announces 2 frames"), shortened.getMessage());
    IllegalArgumentException cut =
        assertThrows(
            IllegalArgumentException.class, () -> StackTraceText.parse(good.substring(0, 5)));
    assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> StackTraceText.parse("two\n"));
    assertTrue(count.getMessage().contains("line 1 should be a number"), count.getMessage());
    IllegalArgumentException notAFrame =
        assertThrows(IllegalArgumentException.class, () -> StackTraceText.parse("1\nmain\n"));
    assertTrue(notAFrame.getMessage().contains("line 2 is not a frame"), notAFrame.getMessage());
  }

  @Test
  void anotherThreadWaitingInTheAgentsLineShowsWhereTheProgramHadGot() {
    // Parked by the agent under a hook that the JDK's map called: the map's frame is the program's.
    StackTraceElement[] parked = {PARK, LOCK_SUPPORT, HOOK, MAP_PUT, APP};
    assertArrayEquals(
        new StackTraceElement[] {MAP_PUT, APP}, StackTraceText.withoutAgentFrames(parked, false));
    // The asker's own trace: the hook called the JDK's method for it.
    StackTraceElement[] asking = {PARK, LOCK_SUPPORT, HOOK, APP};
    assertArrayEquals(
        new StackTraceElement[] {PARK, LOCK_SUPPORT, APP},
        StackTraceText.withoutAgentFrames(asking, true));
    StackTraceElement[] plain = {LOCK_SUPPORT, APP};
    assertArrayEquals(plain, StackTraceText.withoutAgentFrames(plain, false));
  }

  @Test
  void allStackTracesAreListedThenTheirTextIsLoggedAndTheMapIsWhatTheHandlerAnswered()
      throws Exception {
    Thread other = new Thread(() -> {}, "not-started");
    StackTraceElement[][] recorded = {{APP}, {MAP_PUT, APP}};
    List<String> events = new ArrayList<>();
    StubHandler.install(
        (event, args) -> {
          if (event.equals("threadsListed")) {
            events.add(event);
            return new Thread[] {Thread.currentThread(), other};
          }
          if (event.equals("text")) {
            events.add(event + " " + args[1]);
            String text = (String) args[2];
            assertFalse(text.contains("ThreadListHooks"), text);
            return StackTraceText.of(recorded);
          }
          throw StubHandler.unexpected(event);
        });
    Map<Thread, StackTraceElement[]> answer = ThreadListHooks.getAllStackTraces();
    assertEquals(List.of("threadsListed", "text " + EventKind.STACK_TRACES), events);
    assertEquals(List.of(Thread.currentThread(), other), new ArrayList<>(answer.keySet()));
    assertArrayEquals(recorded[0], answer.get(Thread.currentThread()));
    assertArrayEquals(recorded[1], answer.get(other));
  }

  @Test
  void anotherThreadsTraceIsLoggedAndTheCallersOwnIsNeitherLoggedNorShowsTheHook()
      throws Exception {
    List<String> events = new ArrayList<>();
    StubHandler.install(
        (event, args) -> {
          events.add(event + " " + args[1]);
          return StackTraceText.of(new StackTraceElement[][] {{MAP_PUT, APP}});
        });
    StackTraceElement[] own = ThreadListHooks.getStackTrace(Thread.currentThread());
    // This test's own frames are in the agent's package too, and go with the hook's: the rest is
    // the trace taken directly.
    assertArrayEquals(
        StackTraceText.withoutAgentFrames(Thread.currentThread().getStackTrace(), true), own);
    assertEquals(
        "java.lang.Thread.getStackTrace", own[0].getClassName() + "." + own[0].getMethodName());
    assertEquals(List.of(), events);
    Thread other = new Thread(() -> {}, "not-started");
    assertArrayEquals(new StackTraceElement[] {MAP_PUT, APP}, ThreadListHooks.getStackTrace(other));
    assertEquals(List.of("text " + EventKind.STACK_TRACES), events);
  }
}
