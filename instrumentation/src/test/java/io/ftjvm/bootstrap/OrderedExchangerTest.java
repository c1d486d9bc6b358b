package io.ftjvm.bootstrap;

import static io.ftjvm.bootstrap.ModelThreads.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Exchanger;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Exchanger model keeps the exchanger's contract: two threads that meet swap their objects
 * (null too), and a third waits anew; a timed exchange that meets nobody times out and leaves; an
 * interrupt matters only to a thread that must wait. (That it replays is checked by
 * MultithreadedReplayIT's PermitsAndLatches.) Capture is off here, so the model's lock is a plain
 * lock.
 */
@Timeout(60) // a broken meeting would wait for ever; never a measure of speed
class OrderedExchangerTest {
  private final ModelThreads threads = new ModelThreads();
  private final OrderedExchanger exchanger = OrderedExchanger.of(new Exchanger<>(), true);

  @AfterEach
  void stop() {
    threads.close();
  }

  @Test
  void twoThreadsSwapTheirObjects() throws Exception {
    Future<OrderedExchanger.Outcome> first = threads.submit(() -> exchanger.exchange("a", -1));
    waitUntil(exchanger::waiting, 1);
    assertEquals("a", exchanger.exchange("b", -1).received);
    assertEquals("b", first.get().received);
    assertEquals(0, exchanger.waiting());
    assertSame(OrderedExchanger.Outcome.TIMED_OUT, exchanger.exchange("c", 0), "nobody left");
  }

  @Test
  void nullIsExchangedLikeAnyObject() throws Exception {
    Future<OrderedExchanger.Outcome> first = threads.submit(() -> exchanger.exchange(null, -1));
    waitUntil(exchanger::waiting, 1);
    OrderedExchanger.Outcome second = exchanger.exchange("x", -1);
    assertNull(second.received);
    assertEquals("x", first.get().received);
  }

  @Test
  void aTimedExchangeThatMeetsNobodyTimesOutAndLeaves() {
    assertSame(OrderedExchanger.Outcome.TIMED_OUT, exchanger.exchange("x", 1_000_000));
    assertSame(OrderedExchanger.Outcome.TIMED_OUT, exchanger.exchange("y", 0));
    assertEquals(0, exchanger.waiting());
  }

  @Test
  void anInterruptedThreadMeetsAWaitingPartnerButDoesNotWaitItself() throws Exception {
    assertSame(
        OrderedExchanger.Outcome.INTERRUPTED,
        threads.interruptedFirst(() -> exchanger.exchange("x", -1)));
    assertEquals(0, exchanger.waiting());

    Future<OrderedExchanger.Outcome> waiting = threads.submit(() -> exchanger.exchange("w", -1));
    waitUntil(exchanger::waiting, 1);
    Object[] keptFlag = new Object[1];
    OrderedExchanger.Outcome met =
        threads.interruptedFirst(
            () -> {
              OrderedExchanger.Outcome o = exchanger.exchange("i", -1);
              keptFlag[0] = Thread.currentThread().isInterrupted();
              return o;
            });
    assertEquals("w", met.received);
    assertEquals(true, keptFlag[0], "the interrupt is left for the caller");
    assertEquals("i", waiting.get().received);
  }

  @Test
  void aWaitingThreadInterruptedLeavesTheLine() throws Exception {
    Thread[] waiter = new Thread[1];
    Future<OrderedExchanger.Outcome> exchange =
        threads.submit(
            () -> {
              waiter[0] = Thread.currentThread();
              return exchanger.exchange("x", -1);
            });
    waitUntil(exchanger::waiting, 1);
    waiter[0].interrupt();
    assertSame(OrderedExchanger.Outcome.INTERRUPTED, exchange.get());
    assertEquals(0, exchanger.waiting());
    assertSame(OrderedExchanger.Outcome.TIMED_OUT, exchanger.exchange("y", 0), "nobody left");
  }

  @Test
  void anExchangerIsModelledOrNotFromItsFirstUseOn() {
    Exchanger<String> firstUsedUnderCapture = new Exchanger<>();
    OrderedExchanger model = OrderedExchanger.of(firstUsedUnderCapture, true);
    assertNotNull(model);
    assertSame(model, OrderedExchanger.of(firstUsedUnderCapture, false));
    Exchanger<String> firstUsedOutside = new Exchanger<>();
    assertNull(OrderedExchanger.of(firstUsedOutside, false));
    assertTrue(
        OrderedExchanger.of(firstUsedOutside, true) == null, "never mixed with the JDK's exchange");
  }
}
