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

/** Runs {@link ClockReadBenchmark} without and with the agent in record mode. */
final class ClockBenchmarks {
  private ClockBenchmarks() {}

  static List<String> run(Path agentJar) throws Exception {
    Collection<RunResult> plain = new Runner(options(null)).run();
    Path recording = Files.createTempDirectory("ftjvm-bench-clock-");
    Files.delete(recording);
    Collection<RunResult> recorded =
        new Runner(options("-javaagent:" + agentJar + "=mode=record,dir=" + recording)).run();
    List<String> rows = new ArrayList<>();
    rows.add("| benchmark | plain JVM (ns/op) | agent recording (ns/op) | added (ns/op) |");
    rows.add("|---|---|---|---|");
    for (RunResult p : plain) {
      String name = p.getParams().getBenchmark();
      for (RunResult r : recorded) {
        if (r.getParams().getBenchmark().equals(name)) {
          double base = p.getPrimaryResult().getScore();
          double with = r.getPrimaryResult().getScore();
          rows.add(String.format("| %s | %.1f ± %.1f | %.1f ± %.1f | %.1f |",
              name.substring(name.lastIndexOf('.') + 1),
              base, p.getPrimaryResult().getScoreError(),
              with, r.getPrimaryResult().getScoreError(), with - base));
        }
      }
    }
    Cleanup.deleteTree(recording);
    return rows;
  }

  private static Options options(String agentArg) {
    OptionsBuilder builder = new OptionsBuilder();
    builder
        .include(ClockReadBenchmark.class.getName())
        .forks(1)
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
