package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * {@link SubmissionPublisher}s: one feeding two subscribers through a buffer of 4 on a pool of two
 * threads, then one on the common ForkJoinPool fed by two producer threads at once. Which
 * subscriber's item arrives when, how far the publisher runs ahead (the lag that {@code submit}
 * returns) and whose item goes first are decided by races inside the publisher: lock-free steps on
 * each subscription, and the publisher's lock.
 *
 * <pre>
 * lag &lt;estimate&gt;   (every 50th item)
 * arrivals &lt;n&gt;: &lt;subscriber:item, ... the first 12 in arrival order&gt;
 * two producers &lt;n&gt;: &lt;producer:item, ... the first 12 one subscriber got&gt; max lag &lt;m&gt;
 * timer ...   ({@link TimerTicks} for 60 ms, last)
 * </pre>
 */
public final class PublisherAndTimer {
  private static final String USAGE =
      "usage: PublisherAndTimer [items]   (default 200, 10..100000)";

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int items = args.intPositional(0, "items", 200, 10, 100_000);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> arrivals = new ArrayList<>();
    CountDownLatch completed = new CountDownLatch(2);
    try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(pool, 4)) {
      for (int s = 0; s < 2; s++) {
        publisher.subscribe(new Noter<>(s + ":", 1, arrivals, completed));
      }
      for (int i = 0; i < items; i++) {
        int lag = publisher.submit(i);
        if (i % 50 == 0) {
          System.out.println("lag " + lag);
        }
      }
    }
    completed.await();
    pool.shutdown();
    synchronized (arrivals) {
      System.out.println(
          "arrivals "
              + arrivals.size()
              + ": "
              + arrivals.subList(0, Math.min(12, arrivals.size())));
    }
    twoProducers(items);
    TimerTicks.run(60);
  }

  /** Two threads submit to one publisher on the common pool; one subscriber notes what it gets. */
  private static void twoProducers(int items) throws InterruptedException {
    List<String> got = new ArrayList<>();
    CountDownLatch completed = new CountDownLatch(1);
    int[] maxLag = new int[2];
    try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
      publisher.subscribe(new Noter<>("", 3, got, completed));
      Thread[] producers = new Thread[2];
      for (int p = 0; p < 2; p++) {
        int id = p;
        producers[p] =
            new Thread(
                () -> {
                  for (int i = 0; i < items / 2; i++) {
                    maxLag[id] = Math.max(maxLag[id], publisher.submit(id + ":" + i));
                  }
                },
                "producer-" + p);
        producers[p].start();
      }
      for (Thread t : producers) {
        t.join();
      }
    }
    completed.await();
    synchronized (got) {
      System.out.println(
          "two producers "
              + got.size()
              + ": "
              + got.subList(0, Math.min(12, got.size()))
              + " max lag "
              + Math.max(maxLag[0], maxLag[1]));
    }
  }

  /** Notes every item it gets (with a prefix), asking for them {@code batch} at a time. */
  private static final class Noter<T> implements Flow.Subscriber<T> {
    private final String prefix;
    private final int batch;
    private final List<String> got;
    private final CountDownLatch completed;
    private Flow.Subscription subscription;
    private int inBatch;

    Noter(String prefix, int batch, List<String> got, CountDownLatch completed) {
      this.prefix = prefix;
      this.batch = batch;
      this.got = got;
      this.completed = completed;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(batch);
    }

    @Override
    public void onNext(T item) {
      synchronized (got) {
        got.add(prefix + item);
      }
      if (++inBatch == batch) {
        inBatch = 0;
        subscription.request(batch);
      }
    }

    @Override
    public void onError(Throwable t) {
      System.out.println("subscriber " + prefix + " failed: " + t);
      completed.countDown();
    }

    @Override
    public void onComplete() {
      completed.countDown();
    }
  }
}
