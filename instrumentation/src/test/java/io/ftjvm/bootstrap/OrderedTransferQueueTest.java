package io.ftjvm.bootstrap;

import static io.ftjvm.bootstrap.ModelThreads.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The LinkedTransferQueue model keeps the queue's contract: elements in order, takers served in the
 * order they came, a transfer that returns only once its element is taken, timed calls that give up
 * and leave nothing behind, and reads that see the queue as it is. (That it replays is checked by
 * MultithreadedReplayIT's BlockingQueuePipeline.) Capture is off here, so the model's lock is a
 * plain lock.
 */
@Timeout(60) // a broken hand-off would wait for ever; never a measure of speed
class OrderedTransferQueueTest {
  private final ModelThreads threads = new ModelThreads();
  private final OrderedTransferQueue queue =
      OrderedTransferQueue.of(new LinkedTransferQueue<>(), true);

  @AfterEach
  void stop() {
    threads.close();
  }

  @Test
  void elementsComeOutInTheOrderTheyWentIn() throws Exception {
    queue.put("a");
    queue.put("b");
    assertEquals(2, queue.size());
    assertEquals("a", queue.peek());
    assertEquals("a", queue.take(0));
    assertEquals("b", queue.take(-1));
    assertNull(queue.take(0));
    assertNull(queue.take(1_000_000), "a timed poll of an empty queue gives up");
  }

  @Test
  void waitingTakersAreServedInTheOrderTheyCame() throws Exception {
    Future<Object> first = threads.submit(() -> queue.take(-1));
    waitUntil(queue::waitingTakers, 1);
    Future<Object> second = threads.submit(() -> queue.take(-1));
    waitUntil(queue::waitingTakers, 2);
    queue.put("x");
    queue.put("y");
    assertEquals("x", first.get());
    assertEquals("y", second.get());
    assertEquals(0, queue.size(), "handed over, not queued");
  }

  @Test
  void aTransferReturnsOnlyOnceItsElementIsTaken() throws Exception {
    assertFalse(queue.transfer("n", 0), "tryTransfer without a waiting taker");
    assertEquals(0, queue.size(), "and nothing is left in the queue");
    Future<Boolean> transfer = threads.submit(() -> queue.transfer("t", -1));
    waitUntil(queue::size, 1);
    Thread.sleep(20);
    assertFalse(transfer.isDone(), "still waiting for a taker");
    assertEquals("t", queue.take(0));
    assertTrue(transfer.get());
  }

  @Test
  void aTimedTransferThatMeetsNobodyTakesItsElementBack() throws Exception {
    assertFalse(queue.transfer("x", 1_000_000));
    assertEquals(List.of(), queue.snapshot());
  }

  @Test
  void anInterruptedTransferTakesItsElementBackAndThrows() throws Exception {
    Thread[] giver = new Thread[1];
    Future<Boolean> transfer =
        threads.submit(
            () -> {
              giver[0] = Thread.currentThread();
              return queue.transfer("x", -1);
            });
    waitUntil(queue::size, 1);
    giver[0].interrupt();
    ExecutionException e = assertThrows(ExecutionException.class, transfer::get);
    assertTrue(e.getCause() instanceof OrderedTransferQueue.Interrupted, e.toString());
    assertEquals(0, queue.size());
  }

  @Test
  void removingAnElementReleasesItsGiver() throws Exception {
    Future<Boolean> transfer = threads.submit(() -> queue.transfer("gone", -1));
    waitUntil(queue::size, 1);
    assertTrue(queue.remove("gone"));
    assertTrue(transfer.get());
    assertFalse(queue.remove("gone"));
  }

  @Test
  void readsAndBulkOperationsSeeTheQueueAsItIs() {
    for (int i = 1; i <= 6; i++) {
      queue.put(i);
    }
    assertTrue(queue.contains(3));
    assertFalse(queue.contains(9));
    assertTrue(queue.removeMatching(e -> (Integer) e % 2 == 0));
    assertEquals(List.of(1, 3, 5), queue.snapshot());
    Iterator<Object> it = queue.iterator();
    assertEquals(1, it.next());
    it.remove();
    assertEquals(List.of(3, 5), queue.snapshot());
    List<Object> drained = new ArrayList<>();
    assertEquals(1, queue.drainTo(drained, 1));
    assertEquals(List.of(3), drained);
    queue.clear();
    assertEquals(0, queue.size());
    assertFalse(queue.removeMatching(e -> true));
  }

  @Test
  void aQueueIsModelledOrNotFromItsFirstUseOn() {
    LinkedTransferQueue<String> underCapture = new LinkedTransferQueue<>();
    OrderedTransferQueue model = OrderedTransferQueue.of(underCapture, true);
    assertNotNull(model);
    assertEquals(model, OrderedTransferQueue.of(underCapture, false));
    LinkedTransferQueue<String> outside = new LinkedTransferQueue<>();
    assertNull(OrderedTransferQueue.of(outside, false));
    assertNull(OrderedTransferQueue.of(outside, true), "never mixed with the JDK's queue");
  }
}
