package io.ftjvm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs micro benchmarks twice, in a plain JVM and in a JVM with the agent recording, and reports
 * the difference per operation.
 */
final class AgentOverheadBenchmarks {
  private AgentOverheadBenchmarks() {}

  /**
   * JMH's own classes and the code it generates are not instrumented: the harness's loop reads a
   * volatile flag on every call, which the agent would order as an event, and the measurement would
   * be of that, not of the captured operation.
   */
  static final String HARNESS = "org.openjdk.jmh.;io.ftjvm.bench.jmh_generated.";

  /** Benchmark class and method names. */
  static final String[][] CLOCKS = {
    {ClockReadBenchmark.class.getName(), "currentTimeMillis"},
    {ClockReadBenchmark.class.getName(), "nanoTime"},
  };

  static final String[][] LOCKS = {
    {SyncBenchmark.class.getName(), "synchronizedBlock"},
    {SyncBenchmark.class.getName(), "reentrantLock"},
    {SyncBenchmark.class.getName(), "customMutex"},
    {SyncBenchmark.class.getName(), "stringBufferAppend"},
  };

  static final String[][] LOCK_FREE = {
    {LockFreeBenchmark.class.getName(), "concurrentMapMerge"},
    {LockFreeBenchmark.class.getName(), "atomicIncrement"},
    {LockFreeBenchmark.class.getName(), "volatileFieldIncrement"},
    {ForkJoinBenchmark.class.getName(), "forkAndJoinInPlace"},
  };

  static final String[][] THREAD_READS = {
    {ThreadReadBenchmark.class.getName(), "currentThreadName"},
    {ThreadReadBenchmark.class.getName(), "currentThreadId"},
    {ThreadReadBenchmark.class.getName(), "currentThreadDescription"},
  };

  /** Run with one thread per core, all on the same locks. */
  static final String[][] CONTENDED = {
    {ContendedSyncBenchmark.class.getName(), "synchronizedBlock"},
    {ContendedSyncBenchmark.class.getName(), "reentrantLock"},
    {ContendedSyncBenchmark.class.getName(), "semaphore"},
    {ContendedSyncBenchmark.class.getName(), "fairSemaphore"},
    {ContendedSyncBenchmark.class.getName(), "customMutex"},
  };

  static List<String> run(Path agentJar, String[][] benchmarks) throws Exception {
    return run(agentJar, benchmarks, 1);
  }

  /**
   * Each benchmark in a plain JVM and then in a recording one, with {@code threads} benchmark
   * threads (JMH's score is then the average time of one thread's operation).
   */
  static List<String> run(Path agentJar, String[][] benchmarks, int threads) throws Exception {
    List<String> rows = new ArrayList<>();
    rows.add("| benchmark | plain JVM (ns/op) | agent recording (ns/op) | added (ns/op) |");
    rows.add("|---|---|---|---|");
    for (String[] benchmark : benchmarks) {
      String method = benchmark[1];
      RunResult plain = single(new Runner(options(benchmark, threads, null)).run());
      // A fresh recording directory for the recording fork: the agent refuses a used one.
      Path recording = Files.createTempDirectory("ftjvm-bench-clock-");
      Files.delete(recording);
      RunResult recorded =
          single(
              new Runner(
                      options(
                          benchmark,
                          threads,
                          "-javaagent:"
                              + agentJar
                              + "=mode=record,dir="
                              + recording
                              + ",excludeClasses="
                              + HARNESS))
                  .run());
      Cleanup.deleteTree(recording);
      double base = plain.getPrimaryResult().getScore();
      double with = recorded.getPrimaryResult().getScore();
      rows.add(
          String.format(
              "| %s | %.1f ± %.1f | %.1f ± %.1f | %.1f |",
              method,
              base,
              plain.getPrimaryResult().getScoreError(),
              with,
              recorded.getPrimaryResult().getScoreError(),
              with - base));
    }
    return rows;
  }

  private static RunResult single(Collection<RunResult> results) {
    if (results.size() != 1) {
      throw new IllegalStateException("expected one benchmark result, got " + results.size());
    }
    return results.iterator().next();
  }

  private static Options options(String[] benchmark, int threads, String agentArg) {
    OptionsBuilder builder = new OptionsBuilder();
    builder
        .include(benchmark[0] + "." + benchmark[1] + "$")
        .forks(1)
        .threads(threads)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(5)
        .measurementTime(TimeValue.seconds(1));
    if (agentArg != null) {
      builder.jvmArgsAppend(agentArg);
    }
    return builder.build();
  }
}
