package io.ftjvm.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replay speed: the bank (8 threads, every transfer ordered by its locks) is recorded once and
 * replayed; determinants replayed per second of replay wall time (JVM start included, so a lower
 * bound).
 */
final class BankReplaySpeed {
  record Result(long events, double replaySeconds, double plainSeconds) {}

  private BankReplaySpeed() {}

  static Result measure(Path root, String java, Path agent, Path apps, int transfers)
      throws Exception {
    Path work = Files.createTempDirectory("ftjvm-bench-bank-");
    Path recording = work.resolve("recording");
    List<String> program =
        List.of("-cp", apps.toString(), "io.ftjvm.testapps.bank.Bank", String.valueOf(transfers));
    long plainStart = System.nanoTime();
    run(concat(List.of(java), program));
    double plainSeconds = (System.nanoTime() - plainStart) / 1e9;
    run(concat(List.of(java, "-javaagent:" + agent + "=mode=record,dir=" + recording), program));
    long start = System.nanoTime();
    run(concat(List.of(java, "-javaagent:" + agent + "=mode=replay,dir=" + recording), program));
    double replaySeconds = (System.nanoTime() - start) / 1e9;
    Process inspect =
        new ProcessBuilder(
                java,
                "-jar",
                root.resolve("replayer/target/ftjvm-cli.jar").toString(),
                "inspect",
                recording.toString(),
                "--json")
            .redirectErrorStream(true)
            .start();
    String json = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    inspect.waitFor();
    Matcher events = Pattern.compile("\"events\": (\\d+)").matcher(json);
    if (!events.find()) {
      throw new IllegalStateException("no event count in: " + json);
    }
    Cleanup.deleteTree(work);
    return new Result(Long.parseLong(events.group(1)), replaySeconds, plainSeconds);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void run(List<String> argv) throws Exception {
    Process p =
        new ProcessBuilder(argv)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("failed: " + argv);
    }
  }
}
