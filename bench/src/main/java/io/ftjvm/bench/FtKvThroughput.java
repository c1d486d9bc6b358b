package io.ftjvm.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Throughput and p99 latency of the KeyValueServer without the agent, under {@code ftjvm run}
 * (group commit: one fdatasync serves every thread waiting), and under {@code ftjvm run
 * --no-group-commit} (a sync per request), in the same run, the order rotating from round to round.
 */
final class FtKvThroughput {
  static final int CONNECTIONS = 4;
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  /** The variants, in the order of the first round. */
  enum Variant {
    PLAIN("plain JVM"),
    FT("`ftjvm run`"),
    FT_NO_GROUP_COMMIT("`ftjvm run --no-group-commit`");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  private final FtjvmCli cli;
  private final String java;
  private final Path apps;
  private final Path work;
  private final int seconds;

  FtKvThroughput(FtjvmCli cli, String java, Path apps, Path work, int seconds) {
    this.cli = cli;
    this.java = java;
    this.apps = apps;
    this.work = work;
    this.seconds = seconds;
  }

  private List<String> server() {
    return KvServer.command(java, apps, 0);
  }

  List<String> run(int rounds) throws Exception {
    Variant[] variants = Variant.values();
    KvLoad.Result[][] results = new KvLoad.Result[rounds][variants.length];
    List<String> md = new ArrayList<>();
    StringBuilder header = new StringBuilder("| round | first |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (Variant v : variants) {
      header.append(' ').append(v.label).append(" req/s | p50 / p99 (µs) |");
      rule.append("---|---|");
    }
    md.add(header.toString());
    md.add(rule.toString());
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < variants.length; k++) {
        Variant v = variants[(r + k) % variants.length]; // rotate who goes first
        results[r][v.ordinal()] = measure(v, r);
        KvLoad.Result x = results[r][v.ordinal()];
        System.err.printf(
            "kv throughput: round %d, %s: %.0f req/s, p50 %d µs, p99 %d µs%n",
            r + 1, v, x.rps(), x.p50Micros(), x.p99Micros());
      }
      StringBuilder row =
          new StringBuilder("| " + (r + 1) + " | " + variants[r % variants.length].label + " |");
      for (Variant v : variants) {
        KvLoad.Result x = results[r][v.ordinal()];
        row.append(String.format(" %.0f | %d / %d |", x.rps(), x.p50Micros(), x.p99Micros()));
      }
      md.add(row.toString());
    }
    double[] median = new double[variants.length];
    StringBuilder row = new StringBuilder("| **median** | |");
    for (Variant v : variants) {
      median[v.ordinal()] = medianOf(results, v, KvLoad.Result::rps);
      row.append(
          String.format(
              " **%.0f** | %.0f / %.0f |",
              median[v.ordinal()],
              medianOf(results, v, x -> x.p50Micros()),
              medianOf(results, v, x -> x.p99Micros())));
    }
    md.add(row.toString());
    md.add("");
    md.add(
        String.format(
            "Fault-tolerance mode keeps %.1f%% of plain throughput; group commit gives %.2f× the"
                + " throughput of a sync per request (p99 %.0f µs against %.0f µs).",
            100 * median[Variant.FT.ordinal()] / median[Variant.PLAIN.ordinal()],
            median[Variant.FT.ordinal()] / median[Variant.FT_NO_GROUP_COMMIT.ordinal()],
            medianOf(results, Variant.FT, x -> x.p99Micros()),
            medianOf(results, Variant.FT_NO_GROUP_COMMIT, x -> x.p99Micros())));
    return md;
  }

  private KvLoad.Result measure(Variant v, int round) throws Exception {
    Path dir = Files.createDirectories(work.resolve("kv-" + v.name().toLowerCase() + "-" + round));
    try {
      if (v == Variant.PLAIN) {
        AppOutput out = new AppOutput(dir.resolve("app.out"));
        Process p =
            new ProcessBuilder(server())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.file().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("app.err").toFile()))
                .start();
        try {
          int port = Integer.parseInt(out.await(LISTENING, 0, 120, p::isAlive).group(1));
          return KvLoad.timed(port, CONNECTIONS, 1, seconds);
        } finally {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      }
      // Checkpoints off (only the one at start): their pauses are measured on their own.
      List<String> options =
          new ArrayList<>(List.of("--checkpoint-every", "0", "--checkpoint-log-bytes", "0"));
      if (v == Variant.FT_NO_GROUP_COMMIT) {
        options.add("--no-group-commit");
      }
      try (SupervisedApp app = SupervisedApp.start(cli, dir, options, server())) {
        int port = Integer.parseInt(app.await(LISTENING, 120).group(1));
        return KvLoad.timed(port, CONNECTIONS, 1, seconds);
      }
    } finally {
      Cleanup.deleteTree(dir);
    }
  }

  private static double medianOf(
      KvLoad.Result[][] results, Variant v, ToDoubleFunction<KvLoad.Result> f) {
    double[] values = new double[results.length];
    for (int r = 0; r < results.length; r++) {
      values[r] = f.applyAsDouble(results[r][v.ordinal()]);
    }
    return Stats.median(values);
  }
}
