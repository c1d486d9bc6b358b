package io.ftjvm.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every benchmark and writes bench/RESULTS.md. Usage (bench/run-benchmarks.sh does this):
 * {@code java -jar bench/target/benchmarks.jar REPO_ROOT [rounds] [seconds]}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: java -jar bench/target/benchmarks.jar REPO_ROOT [rounds=3] [seconds=5]");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path agent = root.resolve("agent/target/ftjvm-agent.jar");
    Path apps = root.resolve("test-apps/target/test-apps.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    List<String> report = new ArrayList<>();
    report.add("# Benchmark results");
    report.add("");
    report.add(
        "Produced by `bench/run-benchmarks.sh` ("
            + LocalDate.now()
            + ", Java "
            + System.getProperty("java.version")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores). These machines are noisy: compare figures from the same run only.");
    report.add("");
    report.add("## Captured clock read (JMH, record mode vs plain JVM)");
    report.add("");
    report.add(
        "One fork each, 3 x 1 s warm-up, 5 x 1 s measurement. Target: under 10 ns added per call.");
    report.add("");
    report.addAll(AgentOverheadBenchmarks.run(agent, AgentOverheadBenchmarks.CLOCKS));
    report.add("");
    report.add("## Uncontended lock acquisition (JMH, record mode vs plain JVM)");
    report.add("");
    report.add(
        "Each acquisition becomes a determinant (lock id, acquisition index). Same settings.");
    report.add("");
    report.addAll(AgentOverheadBenchmarks.run(agent, AgentOverheadBenchmarks.LOCKS));
    report.add("");
    BankReplaySpeed.Result bank = BankReplaySpeed.measure(root, java, agent, apps, 2000);
    report.add("## Replay speed (bank: 8 threads, 2000 transfers each)");
    report.add("");
    report.add("| determinants | plain run (s) | replay (s) | determinants/s replayed |");
    report.add("|---|---|---|---|");
    report.add(
        String.format(
            "| %d | %.2f | %.2f | %.0f |",
            bank.events(),
            bank.plainSeconds(),
            bank.replaySeconds(),
            bank.events() / bank.replaySeconds()));
    report.add("");
    report.add(
        "Wall times include JVM start (about 0.5 s with the agent), so the rate is a lower bound.");
    report.add("");

    ServerThroughput bench = new ServerThroughput(java, agent, apps, seconds);
    double[] plain = new double[rounds];
    double[] recorded = new double[rounds];
    long[] bytes = new long[rounds];
    Path kept = Files.createTempDirectory("ftjvm-bench-keep-").resolve("recording");
    for (int i = 0; i < rounds; i++) {
      // Alternate which variant goes first, so warm caches or a busy neighbour favour neither.
      boolean plainFirst = i % 2 == 0;
      if (plainFirst) {
        plain[i] = bench.measure(false, null).rps();
      }
      ServerThroughput.Sample s = bench.measure(true, i == rounds - 1 ? kept : null);
      if (!plainFirst) {
        plain[i] = bench.measure(false, null).rps();
      }
      recorded[i] = s.rps();
      bytes[i] = s.recordingBytes();
      System.err.printf(
          "round %d: plain %.0f rps, recording %.0f rps, %d bytes%n",
          i + 1, plain[i], recorded[i], bytes[i]);
    }
    double plainMedian = median(plain);
    double recordedMedian = median(recorded);
    report.add("## Request/response server throughput (macro, record mode vs plain)");
    report.add("");
    report.add(
        "`RequestResponseServer` (thread per connection) under `LoadClient` with 4 connections, 64-byte");
    report.add(
        "requests, "
            + seconds
            + " s per run, "
            + rounds
            + " rounds (plain first in odd rounds, recording first in even ones).");
    report.add("Target: at least 85% of plain.");
    report.add("");
    report.add(
        "| round | plain (req/s) | agent recording (req/s) | recording size (bytes) | recording rate (bytes/s) |");
    report.add("|---|---|---|---|---|");
    for (int i = 0; i < rounds; i++) {
      report.add(
          String.format(
              "| %d | %.0f | %.0f | %d | %.0f |",
              i + 1, plain[i], recorded[i], bytes[i], bytes[i] / (double) seconds));
    }
    report.add(
        String.format(
            "| **median** | **%.0f** | **%.0f** (%.1f%% of plain) | | |",
            plainMedian, recordedMedian, 100 * recordedMedian / plainMedian));
    report.add("");
    report.add("## Bytes per determinant (from the last recorded server run)");
    report.add("");
    report.add("```");
    report.add(inspect(root, java, kept).strip());
    report.add("```");
    report.add("");
    Cleanup.deleteTree(kept.getParent());
    Path out = root.resolve("bench/RESULTS.md");
    Files.writeString(out, String.join("\n", report) + "\n", StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  private static String inspect(Path root, String java, Path recording) throws Exception {
    Process p =
        new ProcessBuilder(
                java,
                "-jar",
                root.resolve("replayer/target/ftjvm-cli.jar").toString(),
                "inspect",
                recording.toString())
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text.replace(recording.toString(), "<recording>");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
