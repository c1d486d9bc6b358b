package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A deliberate data race: 4 threads increment a plain (non-volatile, unsynchronized) int field and
 * overwrite a plain "last writer" field. Lost updates make the printed count interleaving-dependent
 * (and usually lower than expected); which thread wrote last is equally racy. The program never
 * spins on a racy read, so it always terminates. Always exits 0: the race is the point.
 *
 * <pre>
 * racy counter=&lt;value&gt; expected=&lt;4*N&gt; lost=&lt;expected - value&gt;
 * last writer=t&lt;thread&gt;
 * </pre>
 */
public final class RacyCounter {
  private static final String USAGE =
      "usage: RacyCounter [incrementsPerThread]   (default 1000000, 1..100000000)";
  private static final int THREADS = 4;

  private static int counter; // racy on purpose
  private static int lastWriter; // racy on purpose

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int increments = args.intPositional(0, "incrementsPerThread", 1_000_000, 1, 100_000_000);

    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int n = 0; n < increments; n++) {
                  counter++; // read-modify-write without synchronization
                  if ((n & 1023) == 0) {
                    lastWriter = id;
                  }
                }
                lastWriter = id;
              },
              "racer-" + t);
      threads[t].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(); // join gives happens-before: the final values are visible here
    }
    long expected = (long) THREADS * increments;
    System.out.println(
        "racy counter=" + counter + " expected=" + expected + " lost=" + (expected - counter));
    System.out.println("last writer=t" + lastWriter);
  }
}
