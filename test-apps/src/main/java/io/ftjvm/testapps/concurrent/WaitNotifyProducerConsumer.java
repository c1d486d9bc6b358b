package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * Classic bounded buffer built on {@code synchronized}, {@code wait()} and {@code notifyAll()}: 3
 * producers put items into a buffer of capacity 4, 2 consumers take them. Consumers print each take
 * while holding the buffer's monitor, so the printed order is the take order, which depends on
 * thread interleaving (as do the per-thread counts). The checksum is interleaving-independent.
 *
 * <pre>
 * c&lt;consumer&gt; took p&lt;producer&gt;-&lt;n&gt; left=&lt;items left in buffer&gt;   (one line per item, n from 1)
 * producer &lt;p&gt; waits=&lt;times it found the buffer full&gt;        (3 lines, p = 0..2)
 * consumer &lt;c&gt; took=&lt;items&gt; waits=&lt;times it found it empty&gt;  (2 lines, c = 0..1)
 * items=&lt;3*N&gt; checksum=&lt;sum of p*100000+n over all items&gt;
 * </pre>
 */
public final class WaitNotifyProducerConsumer {
  private static final String USAGE =
      "usage: WaitNotifyProducerConsumer [itemsPerProducer]   (default 200, 1..50000)";
  private static final int PRODUCERS = 3;
  private static final int CONSUMERS = 2;
  private static final int CAPACITY = 4;
  private static final int STOP = -1;

  private final ArrayDeque<Integer> buffer = new ArrayDeque<>();
  private final int[] producerWaits = new int[PRODUCERS];
  private final int[] consumerWaits = new int[CONSUMERS];
  private final int[] consumed = new int[CONSUMERS];
  private final long[] checksums = new long[CONSUMERS];

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int perProducer = args.intPositional(0, "itemsPerProducer", 200, 1, 50_000);
    new WaitNotifyProducerConsumer().run(perProducer);
  }

  private void run(int perProducer) throws InterruptedException {
    Thread[] producers = new Thread[PRODUCERS];
    Thread[] consumers = new Thread[CONSUMERS];
    for (int c = 0; c < CONSUMERS; c++) {
      int id = c;
      consumers[c] = new Thread(() -> consume(id), "consumer-" + c);
      consumers[c].start();
    }
    for (int p = 0; p < PRODUCERS; p++) {
      int id = p;
      producers[p] =
          new Thread(
              () -> {
                for (int n = 1; n <= perProducer; n++) {
                  put(id, id * 100_000 + n);
                }
              },
              "producer-" + p);
      producers[p].start();
    }
    for (Thread t : producers) {
      t.join();
    }
    for (int c = 0; c < CONSUMERS; c++) {
      put(-1, STOP); // one poison pill per consumer, after all real items
    }
    for (Thread t : consumers) {
      t.join();
    }
    long checksum = 0;
    int items = 0;
    for (int p = 0; p < PRODUCERS; p++) {
      System.out.println("producer " + p + " waits=" + producerWaits[p]);
    }
    for (int c = 0; c < CONSUMERS; c++) {
      System.out.println("consumer " + c + " took=" + consumed[c] + " waits=" + consumerWaits[c]);
      items += consumed[c];
      checksum += checksums[c];
    }
    System.out.println("items=" + items + " checksum=" + checksum);
  }

  private void put(int producer, int item) {
    synchronized (buffer) {
      while (buffer.size() == CAPACITY) {
        if (producer >= 0) {
          producerWaits[producer]++;
        }
        waitOn(buffer);
      }
      buffer.addLast(item);
      buffer.notifyAll(); // consumers and producers share the monitor: wake everyone
    }
  }

  private void consume(int id) {
    while (true) {
      synchronized (buffer) {
        while (buffer.isEmpty()) {
          consumerWaits[id]++;
          waitOn(buffer);
        }
        int item = buffer.removeFirst();
        buffer.notifyAll();
        if (item == STOP) {
          return;
        }
        consumed[id]++;
        checksums[id] += item;
        System.out.println(
            "c"
                + id
                + " took p"
                + item / 100_000
                + "-"
                + item % 100_000
                + " left="
                + buffer.size());
      }
    }
  }

  private static void waitOn(Object monitor) {
    try {
      monitor.wait();
    } catch (InterruptedException e) {
      throw new IllegalStateException("unexpected interrupt", e);
    }
  }
}
