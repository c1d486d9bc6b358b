package io.ftjvm.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The same locks shared by every benchmark thread (AgentOverheadBenchmarks runs it with as many
 * threads as the machine has cores), so acquisitions block. A thread blocked on a semaphore or on a
 * synchronizer the application built waits in the agent's line while recording (first come, first
 * served, only the first in line retrying); a ReentrantLock or a monitor waits in the JDK's own
 * queue, its acquisitions ordered as they happen. This measures what the line costs a handoff.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContendedSyncBenchmark {
  private final Object monitor = new Object();
  private final ReentrantLock lock = new ReentrantLock();
  private final Semaphore semaphore = new Semaphore(1);
  private final Semaphore fairSemaphore = new Semaphore(1, true);
  private final SyncBenchmark.Mutex mutex = new SyncBenchmark.Mutex();
  private int counter;

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

  @Benchmark
  public int semaphore() throws InterruptedException {
    return holding(semaphore);
  }

  /** A fair semaphore: a newcomer queues behind any thread already waiting. */
  @Benchmark
  public int fairSemaphore() throws InterruptedException {
    return holding(fairSemaphore);
  }

  @Benchmark
  public int customMutex() {
    mutex.acquire(1);
    try {
      return ++counter;
    } finally {
      mutex.release(1);
    }
  }

  private int holding(Semaphore permits) throws InterruptedException {
    permits.acquire();
    try {
      return ++counter;
    } finally {
      permits.release();
    }
  }
}
