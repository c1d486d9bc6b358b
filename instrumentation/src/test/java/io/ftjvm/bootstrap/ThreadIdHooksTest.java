package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A thread's id as application code reads it is a value the handler decides (the recorded one in
 * replay), through getId(), threadId() and the id Thread.toString() shows from Java 19 on.
 */
class ThreadIdHooksTest {
  private final List<Long> actual = new ArrayList<>();

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          if (event.equals("value") && (int) args[1] == EventKind.THREAD_ID) {
            actual.add((Long) args[2]);
            return 4242L;
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
  void theIdThatToStringShowsIsTheAnswerAndTheRestIsKept() {
    Thread other = new Thread(() -> {}, "other");
    String numbered = "Thread[#" + other.getId() + ",other,5,main]";
    assertEquals("Thread[#4242,other,5,main]", ThreadIdHooks.described(other, numbered));
    assertEquals(List.of(other.getId()), actual);
  }

  @Test
  void aDescriptionWithoutTheIdIsNotAnEvent() {
    Thread other = new Thread(() -> {}, "other");
    assertEquals("Thread[other,5,main]", ThreadIdHooks.described(other, "Thread[other,5,main]"));
    String anotherId = "Thread[#" + (other.getId() + 1) + ",other,5,main]";
    assertEquals(anotherId, ThreadIdHooks.described(other, anotherId));
    assertEquals(List.of(), actual);
  }
}
