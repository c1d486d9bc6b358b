package io.ftjvm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for an application's synchronizer holding permits; a fair one refuses while threads wait
 * ahead, as the JDK's fair tryAcquire does. Its state is changed only in ordered steps.
 */
final class TestPermits {
  volatile int permits;

  /** What the successful attempts were shown. */
  final List<Long> views = new CopyOnWriteArrayList<>();

  final AtomicInteger refusedForThoseAhead = new AtomicInteger();

  BlockingAcquire take(int n, boolean fair) {
    return take(n, fair, true);
  }

  /** {@code shared}: a shared hold (as a Semaphore's), else an exclusive one. */
  BlockingAcquire take(int n, boolean fair, boolean shared) {
    return new BlockingAcquire(this) {
      @Override
      public boolean attempt() {
        if (fair && answerQueueQuery("hasQueuedPredecessors") != 0) {
          refusedForThoseAhead.incrementAndGet();
          return false;
        }
        if (permits < n) {
          return false;
        }
        permits -= n;
        if (fair) {
          views.add(queueView());
        }
        return true;
      }

      @Override
      public boolean shared() {
        return shared;
      }

      @Override
      public String what() {
        return n + " permit(s)";
      }

      @Override
      public String found() {
        return permits + " permit(s)";
      }
    };
  }

  /** One permit released in an ordered step, as a release of the application's would be. */
  int release(RecordedLockOrder recorder, ThreadStreamWriter out) {
    assertTrue(recorder.beforeAtomic(this));
    permits++;
    recorder.afterAtomic(out, this);
    return 0;
  }

  /** Waits until {@code length} threads wait in this object's line (record). */
  void awaitLine(RecordedLockOrder recorder, int length) throws InterruptedException {
    LockState state = recorder.state(this);
    for (int i = 0; i < 1000; i++) {
      state.serial.lock();
      try {
        if (state.line != null && state.line.size() == length) {
          return;
        }
      } finally {
        state.serial.unlock();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the line never held " + length + " thread(s)");
  }
}
