package io.ftjvm.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent adds to a JVM's start: {@code StartupProbe} (test-apps), which prints the
 * process's CPU time when its {@code main} runs, started plain and with the agent in record mode,
 * once transforming every JDK class and once with them in the transformation cache, in rotating
 * order. Wall time is from process start to exit; the agent's own figure is the installation time
 * it writes to its log.
 */
record AgentStartup(String java, Path agent, Path apps) {
  private static final Pattern CPU = Pattern.compile("cpu_ms=(-?\\d+)");
  private static final Pattern INSTALLED =
      Pattern.compile("instrumentation installed in (\\d+) ms");

  /** The section's table: median (min–max) of each figure over {@code runs} starts of each kind. */
  List<String> run(int runs) throws Exception {
    double[][] wall = new double[3][runs];
    double[][] cpu = new double[3][runs];
    double[][] install = new double[3][runs];
    Path work = Files.createTempDirectory("ftjvm-bench-start-");
    // The bench's own cache, filled by the unmeasured start, so the user's is not touched.
    String warmCache = work.resolve("cache").toString();
    String[] caches = {null, "off", warmCache};
    try {
      start(null, null); // unmeasured: file caches
      start(work.resolve("warm"), warmCache);
      for (int i = 0; i < runs; i++) {
        // Rotating the order, so no kind always follows another.
        for (int k = 0; k < 3; k++) {
          int kind = (i + k) % 3;
          Path dir = kind == 0 ? null : work.resolve("run-" + i + "-" + kind);
          Sample sample = start(dir, caches[kind]);
          wall[kind][i] = sample.wallMillis();
          cpu[kind][i] = sample.cpuMillis();
          if (dir != null) {
            install[kind][i] = installMillis(dir.resolve("agent.log"));
          }
        }
      }
    } finally {
      Cleanup.deleteTree(work);
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "| | wall, start to exit (ms) | process CPU when main runs (ms) | agent installing (ms) |");
    lines.add("|---|---|---|---|");
    String[] names = {
      "plain", "record mode, transformCache=off", "record mode, transformation cache filled"
    };
    for (int kind = 0; kind < 3; kind++) {
      lines.add(
          "| "
              + names[kind]
              + " | "
              + Stats.spread(wall[kind])
              + " | "
              + Stats.spread(cpu[kind])
              + " | "
              + (kind == 0 ? "" : Stats.spread(install[kind]))
              + " |");
    }
    return lines;
  }

  private record Sample(double wallMillis, double cpuMillis) {}

  /**
   * One start of the probe; with the agent recording into {@code recording} unless it is null, and
   * its transformation cache where {@code cache} says.
   */
  private Sample start(Path recording, String cache) throws Exception {
    List<String> argv = new ArrayList<>(List.of(java));
    if (recording != null) {
      argv.add(
          "-javaagent:" + agent + "=mode=record,dir=" + recording + ",transformCache=" + cache);
    }
    argv.addAll(List.of("-cp", apps.toString(), "io.ftjvm.testapps.startup.StartupProbe"));
    long started = System.nanoTime();
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("failed: " + argv + "\n" + out);
    }
    double wall = (System.nanoTime() - started) / 1e6;
    Matcher cpu = CPU.matcher(out);
    if (!cpu.find()) {
      throw new IllegalStateException("no cpu_ms in the probe's output: " + out);
    }
    return new Sample(wall, Long.parseLong(cpu.group(1)));
  }

  private static double installMillis(Path agentLog) throws Exception {
    Matcher m = INSTALLED.matcher(Files.readString(agentLog));
    if (!m.find()) {
      throw new IllegalStateException("no installation time in " + agentLog);
    }
    return Long.parseLong(m.group(1));
  }
}
