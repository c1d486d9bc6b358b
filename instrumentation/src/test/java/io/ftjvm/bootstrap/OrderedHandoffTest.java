package io.ftjvm.bootstrap;

import static io.ftjvm.bootstrap.ModelThreads.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SynchronousQueue model keeps the queue's contract: an element passes only between a giver and
 * a taker that meet, in arrival order; non-blocking calls find nobody; timeouts and interrupts
 * leave the line. (That it replays a cached pool's hand-offs is checked by MultithreadedReplayIT's
 * ExecutorPipeline.) Capture is off here, so the model's lock is a plain lock.
 */
@Timeout(60) // a broken hand-off would wait for ever; never a measure of speed
class OrderedHandoffTest {
  private final ModelThreads threads = new ModelThreads();
  private final OrderedHandoff handoff = OrderedHandoff.of(new SynchronousQueue<>(), true);

  @AfterEach
  void stop() {
    threads.close();
  }

  @Test
  void nonBlockingCallsFindNobodyWhenNobodyWaits() {
    assertSame(OrderedHandoff.Outcome.NOT_GIVEN, handoff.give("x", 0, false));
    assertSame(OrderedHandoff.Outcome.NOTHING, handoff.take(0, false));
  }

  @Test
  void waitingTakersGetTheElementsInArrivalOrder() throws Exception {
    Future<OrderedHandoff.Outcome> first = threads.submit(() -> handoff.take(-1, true));
    waitUntil(() -> handoff.takersWaiting(), 1);
    Future<OrderedHandoff.Outcome> second = threads.submit(() -> handoff.take(-1, true));
    waitUntil(() -> handoff.takersWaiting(), 2);

    assertSame(OrderedHandoff.Outcome.GIVEN, handoff.give("a", 0, false));
    assertSame(OrderedHandoff.Outcome.GIVEN, handoff.give("b", 0, false));
    assertEquals("a", first.get().item);
    assertEquals("b", second.get().item);
    assertSame(OrderedHandoff.Outcome.NOT_GIVEN, handoff.give("c", 0, false), "nobody left");
  }

  @Test
  void aWaitingGiverIsMetByAPoll() throws Exception {
    Future<OrderedHandoff.Outcome> put = threads.submit(() -> handoff.give("p", -1, true));
    waitUntil(() -> handoff.giversWaiting(), 1);
    assertEquals("p", handoff.take(0, false).item);
    assertSame(OrderedHandoff.Outcome.GIVEN, put.get());
  }

  @Test
  void timedCallsThatMeetNobodyLeaveTheLine() {
    assertSame(OrderedHandoff.Outcome.NOTHING, handoff.take(1_000_000, false));
    assertSame(OrderedHandoff.Outcome.NOT_GIVEN, handoff.give("x", 1_000_000, false));
    assertEquals(0, handoff.takersWaiting());
    assertEquals(0, handoff.giversWaiting());
    assertSame(
        OrderedHandoff.Outcome.NOTHING, handoff.take(0, false), "the timed-out item is gone");
  }

  @Test
  void anInterruptedTakerLeavesTheLine() throws Exception {
    Thread[] taker = new Thread[1];
    Future<OrderedHandoff.Outcome> take =
        threads.submit(
            () -> {
              taker[0] = Thread.currentThread();
              return handoff.take(-1, true);
            });
    waitUntil(() -> handoff.takersWaiting(), 1);
    taker[0].interrupt();
    assertSame(OrderedHandoff.Outcome.INTERRUPTED, take.get());
    assertEquals(0, handoff.takersWaiting());
    assertSame(OrderedHandoff.Outcome.NOT_GIVEN, handoff.give("x", 0, false));
  }

  @Test
  void putAndTakeRefuseAnInterruptedCallerOnEntry() throws Exception {
    assertSame(
        OrderedHandoff.Outcome.INTERRUPTED, threads.interruptedFirst(() -> handoff.take(-1, true)));
    assertSame(
        OrderedHandoff.Outcome.INTERRUPTED,
        threads.interruptedFirst(() -> handoff.give("x", -1, true)));
  }

  @Test
  void aQueueIsModelledOrNotFromItsFirstUseOn() {
    SynchronousQueue<String> firstUsedUnderCapture = new SynchronousQueue<>();
    OrderedHandoff model = OrderedHandoff.of(firstUsedUnderCapture, true);
    assertNotNull(model);
    assertSame(model, OrderedHandoff.of(firstUsedUnderCapture, false));

    SynchronousQueue<String> firstUsedOutside = new SynchronousQueue<>();
    assertNull(OrderedHandoff.of(firstUsedOutside, false));
    assertNull(OrderedHandoff.of(firstUsedOutside, true), "never mixed with the JDK's hand-off");
  }
}
