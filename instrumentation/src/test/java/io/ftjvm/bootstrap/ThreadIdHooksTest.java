package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A thread's id as application code reads it is a value the handler decides (the recorded one in
 * replay), through getId() and threadId(); what Thread.toString() answers is a text it decides.
 */
class ThreadIdHooksTest {
  private final List<Long> actual = new ArrayList<>();
  private final List<String> described = new ArrayList<>();

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          if (event.equals("value") && (int) args[1] == EventKind.THREAD_ID) {
            actual.add((Long) args[2]);
            return 4242L;
          }
          if (event.equals("text") && (int) args[1] == EventKind.THREAD_TEXT) {
            described.add((String) args[2]);
            return "Thread[#4242,other,5,main]";
          }
          throw StubHandler.unexpected(event);
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void eachReadIsAValueTheHandlerAnswers() {
    Thread other = new Thread(() -> {}, "other");
    assertEquals(4242L, ThreadIdHooks.getId(other));
    assertEquals(4242L, ThreadIdHooks.threadId(Thread.currentThread()));
    assertEquals(List.of(other.getId(), Thread.currentThread().getId()), actual);
  }

  @Test
  void aDescriptionIsATextTheHandlerAnswers() {
    assertEquals("Thread[#4242,other,5,main]", ThreadIdHooks.described("Thread[other,5,]"));
    assertEquals(List.of("Thread[other,5,]"), described);
  }
}
