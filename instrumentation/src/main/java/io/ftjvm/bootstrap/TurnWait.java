package io.ftjvm.bootstrap;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A replaying thread's wait for its turn, on a monitor it holds. A ForkJoinPool worker waits
 * through the pool's {@code managedBlock}: the task whose turn comes first may sit in a queue
 * behind the waiting one (when recorded, another worker ran it alongside), and a pool whose workers
 * all wait would otherwise never run it. The pool starts a spare worker when none is idle.
 */
public final class TurnWait {
  private TurnWait() {}

  /** {@code monitor.wait(millis)}, for a pool worker inside {@code ForkJoinPool.managedBlock}. */
  public static void await(Object monitor, long millis) throws InterruptedException {
    if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
      monitor.wait(millis);
      return;
    }
    ForkJoinPool.managedBlock(new OneWait(monitor, millis));
  }

  /** One timed wait: the caller's loop decides whether its turn has come. */
  private static final class OneWait implements ForkJoinPool.ManagedBlocker {
    private final Object monitor;
    private final long millis;
    private boolean waited;

    OneWait(Object monitor, long millis) {
      this.monitor = monitor;
      this.millis = millis;
    }

    @Override
    public boolean block() throws InterruptedException {
      if (!waited) {
        waited = true;
        monitor.wait(millis);
      }
      return true;
    }

    @Override
    public boolean isReleasable() {
      return waited;
    }
  }
}
