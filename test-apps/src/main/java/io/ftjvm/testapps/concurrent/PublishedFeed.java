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
 * A {@link SubmissionPublisher} feeding two subscribers through a small buffer on a pool of two
 * threads. Which subscriber's item arrives when, and how far the publisher runs ahead (the lag that
 * {@code submit} returns), are decided by lock-free races inside the publisher, which this version
 * of the agent does not order: its recording warns, and a replay that cannot follow says why.
 *
 * <pre>
 * lag &lt;estimate&gt;   (every 50th item)
 * arrivals &lt;n&gt;: &lt;subscriber:item, ... the first 12 in arrival order&gt;
 * </pre>
 */
public final class PublishedFeed {
  private static final String USAGE = "usage: PublishedFeed [items]   (default 200, 10..100000)";

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int items = args.intPositional(0, "items", 200, 10, 100_000);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> arrivals = new ArrayList<>();
    CountDownLatch completed = new CountDownLatch(2);
    try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(pool, 4)) {
      for (int s = 0; s < 2; s++) {
        publisher.subscribe(new Recorder(s, arrivals, completed));
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
  }

  /** Notes every item it gets, one at a time. */
  private static final class Recorder implements Flow.Subscriber<Integer> {
    private final int id;
    private final List<String> arrivals;
    private final CountDownLatch completed;
    private Flow.Subscription subscription;

    Recorder(int id, List<String> arrivals, CountDownLatch completed) {
      this.id = id;
      this.arrivals = arrivals;
      this.completed = completed;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(Integer item) {
      synchronized (arrivals) {
        arrivals.add(id + ":" + item);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      System.out.println("subscriber " + id + " failed: " + t);
      completed.countDown();
    }

    @Override
    public void onComplete() {
      completed.countDown();
    }
  }
}
