package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counting and listing the threads alive, called as rewritten application code calls it: the
 * handler sees the JDK's answer and decides what the application is told; and the pairing of each
 * new thread with its logical id, called as the advised Thread constructors call it.
 */
class ThreadListHooksTest {
  private final AtomicReference<Object[]> seen = new AtomicReference<>();
  private volatile Thread[] answer;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          seen.set(args);
          if (event.equals("value") && (int) args[1] == EventKind.THREAD_COUNT) {
            return 7L;
          }
          if (event.equals("threadsListed")) {
            return answer;
          }
          throw StubHandler.unexpected(event);
        });
  }

  @AfterEach
  void stopCapture() {
    release.countDown();
    StubHandler.uninstall();
  }

  @Test
  void theCountIsWhatTheHandlerAnswersGivenTheRealOne() {
    int real = Thread.currentThread().getThreadGroup().activeCount();
    assertEquals(7, ThreadListHooks.activeCount());
    assertEquals((long) real, seen.get()[2], "the JDK's count, for the recording");
    assertEquals(7, ThreadListHooks.activeCount(Thread.currentThread().getThreadGroup()));
  }

  @Test
  void theListGoesIntoTheArrayAsFarAsItHasRoomAsTheJdksDoes() throws Exception {
    Thread waiting = started("listed");
    Thread other = new Thread(() -> {}, "told");
    answer = new Thread[] {Thread.currentThread(), other, waiting};

    Thread[] into = new Thread[2];
    assertEquals(2, ThreadListHooks.enumerate(into));
    assertArrayEquals(new Thread[] {Thread.currentThread(), other}, into);
    List<Thread> real = Arrays.asList((Thread[]) seen.get()[1]);
    assertTrue(
        real.contains(Thread.currentThread()) && real.contains(waiting),
        "the handler is given every thread alive in the group: " + real);

    Thread[] roomy = new Thread[5];
    assertEquals(3, ThreadListHooks.enumerate(Thread.currentThread().getThreadGroup(), roomy));
    assertArrayEquals(new Thread[] {Thread.currentThread(), other, waiting, null, null}, roomy);
  }

  @Test
  void aNewThreadIsPairedWithTheIdItInheritedOnceItsConstructorReturns() {
    ThreadLifeHooks.constructing();
    Thread first = new Thread(() -> {}, "first");
    ThreadLifeHooks.constructed(first);
    Thread outer = new Thread(null, () -> {}, "outer", 0, false);
    ThreadLifeHooks.constructed(outer); // as a delegating constructor returns after the first

    assertEquals("1.1", KnownThreads.logicalId(first));
    assertSame(first, KnownThreads.byId("1.1"));
    assertNull(KnownThreads.logicalId(outer));
  }

  @Test
  void aStateLeftByAFailedConstructorIsNeverPairedWithTheNextThread() {
    new Thread(() -> {}, "its constructor never returned to the advice");
    ThreadLifeHooks.constructing();
    Thread inheritsNothing = new Thread(null, () -> {}, "no thread-locals", 0, false);
    ThreadLifeHooks.constructed(inheritsNothing);
    assertNull(KnownThreads.logicalId(inheritsNothing));
  }

  private Thread started(String name) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    running.await();
    return t;
  }
}
