package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Three-stage pipeline on java.util.concurrent blocking queues (park/unpark under the hood): a
 * generator thread feeds 1..N into a bounded ArrayBlockingQueue, 3 worker threads square the
 * numbers and pass them on through a LinkedBlockingQueue, and the main thread collects and prints
 * the results in arrival order. Which worker handles which number, and the arrival order, depend on
 * interleaving; the sum does not. Then the numbers of {@link TransferHandoffs} pass through a
 * LinkedTransferQueue.
 *
 * <pre>
 * &lt;seq&gt; w&lt;worker&gt; &lt;x&gt; -&gt; &lt;x*x&gt;        (N lines, seq from 1, in arrival order)
 * worker &lt;w&gt; processed=&lt;count&gt;      (3 lines, w = 0..2)
 * items=&lt;N&gt; sum=&lt;sum of x*x for x = 1..N&gt;
 * transfer ...                        (TransferHandoffs' 6 lines)
 * </pre>
 */
public final class BlockingQueuePipeline {
  private static final String USAGE =
      "usage: BlockingQueuePipeline [items]   (default 500, 1..100000)";
  private static final int WORKERS = 3;
  private static final long STOP = -1;

  private record Result(int worker, long input, long output) {}

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int items = args.intPositional(0, "items", 500, 1, 100_000);

    BlockingQueue<Long> inputs = new ArrayBlockingQueue<>(8);
    BlockingQueue<Result> results = new LinkedBlockingQueue<>();

    Thread generator =
        new Thread(
            () -> {
              for (long x = 1; x <= items; x++) {
                putQuietly(inputs, x);
              }
              for (int w = 0; w < WORKERS; w++) {
                putQuietly(inputs, STOP); // one pill per worker
              }
            },
            "generator");
    generator.start();

    for (int w = 0; w < WORKERS; w++) {
      int id = w;
      new Thread(
              () -> {
                while (true) {
                  long x = takeQuietly(inputs);
                  // a worker's pill travels on so the collector knows when every worker is done
                  putQuietly(results, new Result(id, x, x == STOP ? STOP : x * x));
                  if (x == STOP) {
                    return;
                  }
                }
              },
              "worker-" + w)
          .start();
    }

    int[] processed = new int[WORKERS];
    long sum = 0;
    int seq = 0;
    for (int done = 0; done < WORKERS; ) {
      Result r = results.take();
      if (r.input() == STOP) {
        done++;
        continue;
      }
      processed[r.worker()]++;
      sum += r.output();
      System.out.println(++seq + " w" + r.worker() + " " + r.input() + " -> " + r.output());
    }
    for (int w = 0; w < WORKERS; w++) {
      System.out.println("worker " + w + " processed=" + processed[w]);
    }
    System.out.println("items=" + seq + " sum=" + sum);
    TransferHandoffs.run(40);
  }

  private static <T> void putQuietly(BlockingQueue<T> queue, T value) {
    try {
      queue.put(value);
    } catch (InterruptedException e) {
      throw new IllegalStateException("unexpected interrupt", e);
    }
  }

  private static long takeQuietly(BlockingQueue<Long> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      throw new IllegalStateException("unexpected interrupt", e);
    }
  }
}
