package io.ftjvm.bench;

import java.util.concurrent.TimeUnit;
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
}
