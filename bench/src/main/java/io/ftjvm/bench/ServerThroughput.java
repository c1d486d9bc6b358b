package io.ftjvm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The macro benchmark: the request/response test server under 4 concurrent clients, without the
 * agent and with the agent recording, alternating in the same run so both see the same machine.
 * Each server first serves an unmeasured warm-up client: the agent's own start leaves the JIT a
 * backlog (it compiles the instrumentation library's hot paths and the instrumented JDK methods),
 * and a run measured from the first request timed that catching-up, not the server.
 */
final class ServerThroughput {
  /**
   * One measured run: requests per second, the server's CPU time per request in the middle of the
   * measured load (NaN when the load was too short to have a middle), and the recording's size.
   */
  record Sample(double rps, double cpuMicrosPerRequest, long recordingBytes) {}

  /**
   * Seconds left out at each end of the measured load when taking the server's CPU time: the
   * connections open and close there, and the server exits once they are all closed, so its CPU
   * time can only be read while the load is still running.
   */
  private static final int CPU_WINDOW_MARGIN_SECONDS = 1;

  private final String java;
  private final Path agentJar;
  private final Path appsJar;
  private final int warmupSeconds;
  private final int seconds;

  ServerThroughput(String java, Path agentJar, Path appsJar, int warmupSeconds, int seconds) {
    this.java = java;
    this.agentJar = agentJar;
    this.appsJar = appsJar;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
  }

  Sample measure(boolean withAgent, Path inspectOut) throws Exception {
    Path work = Files.createTempDirectory("ftjvm-bench-server-");
    Path recording = work.resolve("recording");
    List<String> server = new ArrayList<>(List.of(java));
    if (withAgent) {
      server.add("-javaagent:" + agentJar + "=mode=record,dir=" + recording);
    }
    server.addAll(
        List.of(
            "-cp",
            appsJar.toString(),
            "io.ftjvm.testapps.echo.RequestResponseServer",
            "--port",
            "0",
            "--max-connections",
            // the warm-up client's 4 connections (if any), then the measured client's
            warmupSeconds > 0 ? "8" : "4"));
    Path serverOut = work.resolve("server.txt");
    Process process =
        new ProcessBuilder(server)
            .redirectOutput(serverOut.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      int port = awaitPort(serverOut, process);
      if (warmupSeconds > 0) {
        load(port, warmupSeconds);
      }
      Process client = startLoad(port, seconds);
      double cpuSeconds = cpuSecondsOverTheMiddle(process, seconds);
      String summary = summary(client);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("server did not end");
      }
      Matcher rps = Pattern.compile("rps=([0-9.]+)").matcher(summary);
      if (!rps.find()) {
        throw new IllegalStateException("no rps in: " + summary);
      }
      long bytes = 0;
      if (withAgent && inspectOut != null) {
        Files.createDirectories(inspectOut.getParent());
        Files.move(recording, inspectOut);
        recording = inspectOut;
      }
      if (withAgent) {
        bytes = size(recording.resolve("threads"));
      }
      double requestsPerSecond = Double.parseDouble(rps.group(1));
      return new Sample(
          requestsPerSecond,
          cpuSeconds * 1e6 / (requestsPerSecond * (seconds - 2 * CPU_WINDOW_MARGIN_SECONDS)),
          bytes);
    } finally {
      process.destroyForcibly();
      if (inspectOut == null) {
        Cleanup.deleteTree(work);
      }
    }
  }

  /**
   * The server's CPU time (all its threads, the JIT and the agent's included) from one second into
   * the load to one second before its end; NaN if the load is shorter than 3 s or the JVM does not
   * report it. Requests in that window are taken at the load's average rate.
   */
  private static double cpuSecondsOverTheMiddle(Process server, int loadSeconds)
      throws InterruptedException {
    int window = loadSeconds - 2 * CPU_WINDOW_MARGIN_SECONDS;
    if (window < 1) {
      return Double.NaN;
    }
    Thread.sleep(CPU_WINDOW_MARGIN_SECONDS * 1000L);
    long start = cpuNanos(server);
    Thread.sleep(window * 1000L);
    long end = cpuNanos(server);
    return start < 0 || end < 0 ? Double.NaN : (end - start) / 1e9;
  }

  private static long cpuNanos(Process process) {
    return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
  }

  /** Runs the load client against the server for that long; returns its summary line. */
  private String load(int port, int forSeconds) throws Exception {
    return summary(startLoad(port, forSeconds));
  }

  private static String summary(Process client) throws Exception {
    String summary = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (client.waitFor() != 0) {
      throw new IllegalStateException("load client failed: " + summary);
    }
    return summary;
  }

  private Process startLoad(int port, int forSeconds) throws IOException {
    return new ProcessBuilder(
            java,
            "-cp",
            appsJar.toString(),
            "io.ftjvm.testapps.echo.LoadClient",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--connections",
            "4",
            "--seconds",
            String.valueOf(forSeconds),
            "--size",
            "64")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static int awaitPort(Path out, Process process) throws Exception {
    Pattern listening = Pattern.compile("listening on port (\\d+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = listening.matcher(Files.readString(out));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("server ended early");
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("server never listened");
  }

  private static long size(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
