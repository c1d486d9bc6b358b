package io.ftjvm.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What a logger reads of the current thread on every line, as application code reads it: its name
 * (rewritten so that a fork-join task shows its recorded runner's; no event outside a task), its id
 * and its description (each read an event: the JVM numbers threads differently from run to run).
 * Run in a plain JVM and in a recording one (BenchMain forks both).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThreadReadBenchmark {
  @Benchmark
  public String currentThreadName() {
    return Thread.currentThread().getName();
  }

  @Benchmark
  public long currentThreadId() {
    return Thread.currentThread().getId();
  }

  @Benchmark
  public String currentThreadDescription() {
    return Thread.currentThread().toString();
  }
}
