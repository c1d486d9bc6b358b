package io.ftjvm.testapps.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-offs through one {@link LinkedTransferQueue}, the pipeline's last stage: two producers each
 * give N numbers in turn by {@code transfer} (waits for a taker), {@code tryTransfer} (only to a
 * taker already waiting), a timed {@code tryTransfer} and {@code put}, noting how many takers were
 * waiting after a put; three consumers take them, one with {@code take} and two with 300 µs {@code
 * poll}s that may come back empty. Then the main thread reads what is left, drains up to three, and
 * sends each consumer a stop value. Which consumer gets which number, which tries fail and how many
 * polls come back empty depend on timing.
 *
 * <pre>
 * transfer producer &lt;p&gt;:&lt;per number: t (transferred), y/n (tryTransfer), Y/N (timed), p and w&lt;takers&gt;&gt;   (2 lines)
 * transfer left=&lt;size&gt; &lt;the queue&gt; drained=&lt;up to 3&gt;
 * transfer consumer &lt;c&gt;:&lt;numbers taken, . for an empty poll&gt;   (3 lines)
 * </pre>
 */
final class TransferHandoffs {
  private static final int PRODUCERS = 2;
  private static final int CONSUMERS = 3;

  private TransferHandoffs() {}

  static void run(int perProducer) throws InterruptedException {
    LinkedTransferQueue<Integer> queue = new LinkedTransferQueue<>();
    AtomicInteger sequence = new AtomicInteger();
    String[] producers = new String[PRODUCERS];
    String[] consumers = new String[CONSUMERS];
    List<Thread> producing = new ArrayList<>();
    List<Thread> consuming = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int id = p;
      producing.add(
          new Thread(
              () -> producers[id] = produce(queue, sequence, perProducer),
              "transfer-producer-" + p));
    }
    for (int c = 0; c < CONSUMERS; c++) {
      int id = c;
      consuming.add(
          new Thread(() -> consumers[id] = consume(queue, id == 0), "transfer-consumer-" + c));
    }
    producing.forEach(Thread::start);
    consuming.forEach(Thread::start);
    for (Thread t : producing) {
      t.join();
    }
    String left = "transfer left=" + queue.size() + " " + queue;
    List<Integer> drained = new ArrayList<>();
    queue.drainTo(drained, 3);
    for (int c = 0; c < CONSUMERS; c++) {
      queue.put(-1);
    }
    for (Thread t : consuming) {
      t.join();
    }
    for (int p = 0; p < PRODUCERS; p++) {
      System.out.println("transfer producer " + p + ":" + producers[p]);
    }
    System.out.println(left + " drained=" + drained);
    for (int c = 0; c < CONSUMERS; c++) {
      System.out.println("transfer consumer " + c + ":" + consumers[c]);
    }
  }

  private static String produce(
      LinkedTransferQueue<Integer> queue, AtomicInteger sequence, int count) {
    StringBuilder done = new StringBuilder();
    try {
      for (int i = 0; i < count; i++) {
        int v = sequence.incrementAndGet();
        switch (i % 4) {
          case 0:
            queue.transfer(v);
            done.append(" t").append(v);
            break;
          case 1:
            done.append(queue.tryTransfer(v) ? " y" : " n").append(v);
            break;
          case 2:
            done.append(queue.tryTransfer(v, 200, TimeUnit.MICROSECONDS) ? " Y" : " N").append(v);
            break;
          default:
            queue.put(v);
            done.append(" p").append(v).append(" w").append(queue.getWaitingConsumerCount());
        }
      }
    } catch (InterruptedException e) {
      done.append(" interrupted");
    }
    return done.toString();
  }

  private static String consume(LinkedTransferQueue<Integer> queue, boolean blocking) {
    StringBuilder taken = new StringBuilder();
    try {
      while (true) {
        Integer v = blocking ? queue.take() : queue.poll(300, TimeUnit.MICROSECONDS);
        if (v == null) {
          taken.append(" .");
        } else if (v < 0) {
          return taken.toString();
        } else {
          taken.append(' ').append(v);
        }
      }
    } catch (InterruptedException e) {
      return taken + " interrupted";
    }
  }
}
