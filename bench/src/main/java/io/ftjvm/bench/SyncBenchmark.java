package io.ftjvm.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * An uncontended lock as an application takes it: each acquisition is a determinant when the agent
 * records (lock id, acquisition index). Also a StringBuffer's append, a JDK synchronized method.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyncBenchmark {
  private final Object monitor = new Object();
  private final ReentrantLock lock = new ReentrantLock();
  private final StringBuffer buffer = new StringBuffer();
  private final Mutex mutex = new Mutex();
  private int counter;
  private int appended;

  @Benchmark
  public int synchronizedBlock() {
    synchronized (monitor) {
      return ++counter;
    }
  }

  @Benchmark
  public int reentrantLock() {
    lock.lock();
    try {
      return ++counter;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A mutex the application built on AbstractQueuedSynchronizer: its acquire and release are each
   * an ordered operation when recorded (see CustomSynchronizers in the agent).
   */
  @Benchmark
  public int customMutex() {
    mutex.acquire(1);
    try {
      return ++counter;
    } finally {
      mutex.release(1);
    }
  }

  /** A StringBuffer the application owns: the JDK's synchronized method is ordered like its own. */
  @Benchmark
  public int stringBufferAppend() {
    buffer.append('x');
    if (++appended == 1_000) {
      buffer.setLength(0);
      appended = 0;
    }
    return appended;
  }

  /** A non-reentrant lock: state 1 while held. */
  static final class Mutex extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean tryAcquire(int ignored) {
      return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
      setState(0);
      return true;
    }
  }
}
