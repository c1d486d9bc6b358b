package io.ftjvm.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoint pause against RSS: {@code PauseProbe} (N MB of live heap, a thread that reports every
 * gap in its 1 ms ticking) is checkpointed by the agent ({@code ftjvm checkpoint}) and, in the same
 * run, dumped by a plain {@code criu dump --leave-running} of the same process; a JVM without the
 * agent is dumped the same way for reference. The pause "as the application sees it" is the longest
 * gap the probe reports around the dump.
 */
final class FtCheckpointPause {
  private static final Pattern GAP = Pattern.compile("gap_us=(\\d+)");
  private static final Pattern ALIVE = Pattern.compile("alive_ms=(\\d+)");

  /** One dump: what the process looked like, how long the dumper took, what the app saw. */
  record Dump(long rssBytes, long imageBytes, double dumpMillis, double appPauseMillis) {}

  private final FtjvmCli cli;
  private final String java;
  private final Path apps;
  private final String criu;
  private final Path work;

  FtCheckpointPause(FtjvmCli cli, String java, Path apps, String criu, Path work) {
    this.cli = cli;
    this.java = java;
    this.apps = apps;
    this.criu = criu;
    this.work = work;
  }

  /** The same JVM options with and without the agent; ftjvm run adds -XX:-UsePerfData itself. */
  private List<String> probe(int heapMb) {
    return List.of(
        java,
        "-XX:-UsePerfData",
        "-XX:+UseSerialGC",
        "-Xmx" + (2 * heapMb + 128) + "m",
        "-cp",
        apps.toString(),
        "io.ftjvm.testapps.heap.PauseProbe",
        "--mb",
        String.valueOf(heapMb));
  }

  List<String> run(int[] heapsMb, int rounds) throws Exception {
    List<String> md = new ArrayList<>();
    md.add(
        "| live heap | process | dumped by | RSS (MiB) | image (MiB) | dump time (ms) | pause seen by"
            + " the app (ms) |");
    md.add("|---|---|---|---|---|---|---|");
    List<String> verdicts = new ArrayList<>();
    for (int heap : heapsMb) {
      List<Dump> plain = plainJvm(heap, rounds);
      List<Dump> raw = new ArrayList<>();
      List<Dump> agent = new ArrayList<>();
      underAgent(heap, rounds, raw, agent);
      md.add(row(heap, "plain JVM", "`criu dump`", plain));
      md.add(row(heap, "`ftjvm run`", "`criu dump`", raw));
      md.add(row(heap, "`ftjvm run`", "agent (`ftjvm checkpoint`)", agent));
      double rawPause = median(raw, Dump::appPauseMillis);
      double agentPause = median(agent, Dump::appPauseMillis);
      verdicts.add(
          String.format(
              "%d MiB: the agent's checkpoint paused the app %.0f ms against %.0f ms for a raw dump of"
                  + " the same process: %+.0f%% (target: under +10%%).",
              heap, agentPause, rawPause, 100 * (agentPause - rawPause) / rawPause));
    }
    md.add("");
    md.addAll(verdicts);
    return md;
  }

  private List<Dump> plainJvm(int heap, int rounds) throws Exception {
    Path dir = Files.createDirectories(work.resolve("plain-" + heap));
    AppOutput out = new AppOutput(dir.resolve("app.out"));
    Process app =
        new ProcessBuilder(probe(heap))
            .redirectInput(new File("/dev/null"))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.file().toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("app.err").toFile()))
            .start();
    try {
      out.await(Pattern.compile("ready"), 0, 300, app::isAlive);
      rawDump(app.pid(), out, dir.resolve("images")); // warm-up, not counted (see underAgent)
      List<Dump> dumps = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        dumps.add(rawDump(app.pid(), out, dir.resolve("images")));
        log("plain JVM, " + heap + " MiB", dumps.get(r));
      }
      return dumps;
    } finally {
      app.destroyForcibly();
      app.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private void underAgent(int heap, int rounds, List<Dump> raw, List<Dump> agent) throws Exception {
    Path dir = Files.createDirectories(work.resolve("ft-" + heap));
    List<String> options = List.of("--checkpoint-every", "0", "--checkpoint-log-bytes", "0");
    try (SupervisedApp app = SupervisedApp.start(cli, dir, options, probe(heap))) {
      app.await(Pattern.compile("ready"), 300);
      // One of each first, not counted: the first dumps of a process were much slower here
      // (700 ms against 140-200 ms later at 64 MiB), whichever came first.
      agentCheckpoint(app);
      rawDump(app.appPid(), app.out(), dir.resolve("images"));
      for (int r = 0; r < rounds; r++) {
        // Alternate which goes first, so that neither always follows the other's disk writes.
        if (r % 2 == 0) {
          agent.add(agentCheckpoint(app));
          raw.add(rawDump(app.appPid(), app.out(), dir.resolve("images")));
        } else {
          raw.add(rawDump(app.appPid(), app.out(), dir.resolve("images")));
          agent.add(agentCheckpoint(app));
        }
        log("ftjvm run, " + heap + " MiB, criu dump", raw.get(r));
        log("ftjvm run, " + heap + " MiB, agent", agent.get(r));
      }
    }
  }

  private Dump agentCheckpoint(SupervisedApp app) throws Exception {
    long rss = Machine.rssBytes(app.appPid());
    long offset = app.out().length();
    SupervisedApp.Checkpoint c = app.checkpoint();
    return new Dump(rss, c.imageBytes(), c.pauseMillis(), longestGap(app.out(), offset));
  }

  /** {@code criu dump -t PID --leave-running --shell-job}, timed from outside. */
  private Dump rawDump(long pid, AppOutput out, Path images) throws Exception {
    Cleanup.deleteTree(images);
    Files.createDirectories(images);
    long rss = Machine.rssBytes(pid);
    long offset = out.length();
    List<String> argv =
        List.of(
            criu,
            "dump",
            "-t",
            String.valueOf(pid),
            "--leave-running",
            "--shell-job",
            "-D",
            images.toString(),
            "-o",
            "dump.log");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = p.waitFor(300, TimeUnit.SECONDS);
    double millis = (System.nanoTime() - start) / 1e6;
    if (!ended || p.exitValue() != 0) {
      Path log = images.resolve("dump.log");
      throw new IllegalStateException(
          "criu dump of "
              + pid
              + " failed: "
              + output
              + (Files.exists(log)
                  ? "\n" + tail(Files.readString(log, StandardCharsets.ISO_8859_1))
                  : ""));
    }
    long image = imageBytes(images);
    double pause = longestGap(out, offset);
    Cleanup.deleteTree(images);
    return new Dump(rss, image, millis, pause);
  }

  /**
   * The longest gap the probe reported since {@code offset}, once the probe has printed a heartbeat
   * from after the dump (its lines come in order, so no gap of the dump is still to come).
   */
  private static double longestGap(AppOutput out, long offset) throws Exception {
    long dumpEnded = System.currentTimeMillis();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      Matcher alive = ALIVE.matcher(out.from(offset));
      boolean after = false;
      while (alive.find()) {
        after |= Long.parseLong(alive.group(1)) > dumpEnded;
      }
      if (after) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the probe printed nothing after the dump in " + out.file());
      }
      Thread.sleep(20);
    }
    long longest = 0;
    Matcher m = GAP.matcher(out.from(offset));
    while (m.find()) {
      longest = Math.max(longest, Long.parseLong(m.group(1)));
    }
    return longest / 1000.0;
  }

  private static long imageBytes(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> !f.getFileName().toString().endsWith(".log"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
  }

  private static String row(int heap, String process, String by, List<Dump> dumps) {
    return String.format(
        "| %d MiB | %s | %s | %.0f | %.0f | %s | %s |",
        heap,
        process,
        by,
        median(dumps, d -> d.rssBytes() / 1048576.0),
        median(dumps, d -> d.imageBytes() / 1048576.0),
        spread(dumps, Dump::dumpMillis),
        spread(dumps, Dump::appPauseMillis));
  }

  /** "median (min–max)" over the rounds. */
  private static String spread(List<Dump> dumps, ToDoubleFunction<Dump> f) {
    return Stats.spread(dumps.stream().mapToDouble(f).toArray());
  }

  private static double median(List<Dump> dumps, ToDoubleFunction<Dump> f) {
    return Stats.median(dumps.stream().mapToDouble(f).toArray());
  }

  private static void log(String what, Dump d) {
    System.err.printf(
        "checkpoint pause: %s: rss %d MiB, image %d MiB, dump %.0f ms, app saw %.1f ms%n",
        what, d.rssBytes() >> 20, d.imageBytes() >> 20, d.dumpMillis(), d.appPauseMillis());
  }
}
