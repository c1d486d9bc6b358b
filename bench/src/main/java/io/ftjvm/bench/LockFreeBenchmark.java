package io.ftjvm.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Lock-free operations as an application makes them, uncontended: each is an ordered step (a
 * determinant) when the agent records. A ConcurrentHashMap operation runs whole under the map's
 * order; an atomic's and a volatile field's, one memory operation at a time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockFreeBenchmark {
  private final ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
  private final AtomicLong atomic = new AtomicLong();
  private volatile long field;
  private int key;

  @Benchmark
  public Integer concurrentMapMerge() {
    key = (key + 1) & 63;
    return map.merge(key, 1, Integer::sum);
  }

  @Benchmark
  public long atomicIncrement() {
    return atomic.incrementAndGet();
  }

  @Benchmark
  public long volatileFieldIncrement() {
    return ++field;
  }
}
