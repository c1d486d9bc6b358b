package io.ftjvm.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks and writes their sections of bench/RESULTS.md (other sections stay). Usage
 * (bench/run-benchmarks.sh does this): {@code java -jar bench/target/benchmarks.jar REPO_ROOT
 * [all|agent|server|startup|contended|thread-reads|ft|ft-pause|ft-recovery|ft-throughput] [rounds]
 * [seconds]}.
 */
public final class BenchMain {
  private BenchMain() {}

  /** The parts that can be run alone, each writing its own sections of RESULTS.md. */
  static final List<String> PARTS =
      List.of(
          "all",
          "agent",
          "server",
          "startup",
          "contended",
          "thread-reads",
          "ft",
          "ft-pause",
          "ft-recovery",
          "ft-throughput");

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      usage();
    }
    Path root = Path.of(args[0]).toAbsolutePath();
    int next = 1;
    String part = "all";
    if (args.length > 1 && !args[1].matches("\\d+")) {
      part = args[1];
      next = 2;
    }
    if (!PARTS.contains(part)) {
      usage();
    }
    int rounds = args.length > next ? Integer.parseInt(args[next]) : 3;
    int seconds = args.length > next + 1 ? Integer.parseInt(args[next + 1]) : 5;
    Path agent = root.resolve("agent/target/ftjvm-agent.jar");
    Path apps = root.resolve("test-apps/target/test-apps.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int[] heaps = ints(env("FT_HEAPS_MB", "64,512"));
    long[] tails = Arrays.stream(ints(env("FT_TAILS", "0,10000,100000"))).asLongStream().toArray();
    String command =
        (System.getenv("FT_HEAPS_MB") != null ? "FT_HEAPS_MB=" + env("FT_HEAPS_MB", "") + " " : "")
            + (System.getenv("FT_TAILS") != null ? "FT_TAILS=" + env("FT_TAILS", "") + " " : "")
            + (System.getenv("BENCH_SERVER_WARMUP") != null
                ? "BENCH_SERVER_WARMUP=" + env("BENCH_SERVER_WARMUP", "") + " "
                : "")
            + "bench/run-benchmarks.sh "
            + part
            + " "
            + rounds
            + " "
            + seconds;
    ResultsFile results = new ResultsFile(root.resolve("bench/RESULTS.md"));
    FtjvmCli cli = new FtjvmCli(root, java);
    Path work = Files.createTempDirectory("ftjvm-bench-ft-");
    try {
      if (part.equals("all") || part.equals("agent")) {
        String load = Machine.loadAverage();
        List<String> body = agentSections(root, java, agent, apps, rounds, seconds);
        results.replaceSection("agent", producedThen(command, load, body));
      }
      if (part.equals("all") || part.equals("agent") || part.equals("server")) {
        String load = Machine.loadAverage();
        List<String> body = serverSections(root, java, agent, apps, rounds, seconds);
        results.replaceSection("agent-server", producedThen(command, load, body));
      }
      if (part.equals("all") || part.equals("agent") || part.equals("startup")) {
        String load = Machine.loadAverage();
        List<String> body = startupSection(java, agent, apps, rounds);
        results.replaceSection(
            "agent-startup",
            section(
                "## Agent start-up (macro, record mode vs plain)",
                produced(command, load),
                null,
                body));
      }
      if (part.equals("all") || part.equals("agent") || part.equals("contended")) {
        String load = Machine.loadAverage();
        List<String> body = contendedSection(agent);
        results.replaceSection(
            "agent-contended",
            section(
                "## Contended lock acquisition (JMH, record mode vs plain JVM)",
                produced(command, load),
                null,
                body));
      }
      if (part.equals("all") || part.equals("agent") || part.equals("thread-reads")) {
        String load = Machine.loadAverage();
        List<String> body =
            AgentOverheadBenchmarks.run(agent, AgentOverheadBenchmarks.THREAD_READS);
        results.replaceSection(
            "agent-thread-reads",
            section(
                "## Reading the current thread's name, id and description (JMH, record mode vs"
                    + " plain JVM)",
                produced(command, load),
                "What a logger reads on every line. The name is rewritten (a fork-join task shows"
                    + " its recorded runner's) but is no event outside a task; each id read is a"
                    + " value event, each description (`toString()`) a text event holding the"
                    + " whole description. One fork each, 3 x 1 s warm-up, 5 x 1 s measurement.",
                body));
      }
      if (part.equals("all") || part.equals("ft") || part.equals("ft-pause")) {
        String load = Machine.loadAverage();
        List<String> body =
            new FtCheckpointPause(cli, java, apps, CriuBinary.find(root), work).run(heaps, rounds);
        String intro =
            "`PauseProbe` (test-apps) holds N MiB of live heap in 1 MiB arrays (SerialGC,"
                + " `-Xmx` = 2N+128 MiB) and reports every gap in its 1 ms ticking: the longest gap"
                + " around a dump is the pause as the application saw it. In each round the same"
                + " process under `ftjvm run` is checkpointed by the agent (`ftjvm checkpoint`) and"
                + " dumped by `criu dump -t PID --leave-running --shell-job` (the order alternates);"
                + " a JVM without the agent is dumped the same way for reference. Dump time: the"
                + " agent's `pause_ms` (its `criu_dump()` call) or the wall time of the `criu`"
                + " command. Median (min–max) of "
                + rounds
                + " rounds after one unmeasured dump of each kind; all images go to the same file"
                + " system (the temporary directory). The agent keeps 3 checkpoints, so from the"
                + " fourth on its pause includes deleting the oldest.";
        results.replaceSection(
            "ft-checkpoint-pause",
            section(
                "## Checkpoint pause against RSS (fault tolerance)",
                produced(command, load),
                intro,
                body));
      }
      if (part.equals("all") || part.equals("ft") || part.equals("ft-recovery")) {
        String load = Machine.loadAverage();
        List<String> body = new FtRecoveryTime(cli, java, apps, work).run(tails, rounds);
        String intro =
            "`KeyValueServer` under `ftjvm run --checkpoint-every 0 --checkpoint-log-bytes 0`"
                + " (SerialGC, `-Xmx256m`): the last checkpoint is the one the agent takes at start,"
                + " before `main`. Then "
                + FtKvThroughput.CONNECTIONS
                + " client connections (1 for the smallest tail) send PUTs until about the asked"
                + " number of determinants are logged, the last PUT writes a fresh value, and the"
                + " application's pid gets SIGKILL. In the tail: the number the restored agent says"
                + " it will replay (agent.log). Restored: a new pid in `app.pid`; live: the agent"
                + " wrote `recovery/N/live` (where it also notes its replay time); answer: a new"
                + " connection's `GET` returned that last value. One fresh `ftjvm run` per row.";
        results.replaceSection(
            "ft-recovery",
            section(
                "## Recovery time after kill -9 (fault tolerance)",
                produced(command, load),
                intro,
                body));
      }
      if (part.equals("all") || part.equals("ft") || part.equals("ft-throughput")) {
        String load = Machine.loadAverage();
        List<String> body = new FtKvThroughput(cli, java, apps, work, seconds).run(rounds);
        String intro =
            "`KeyValueServer` (thread per connection, one lock) under "
                + FtKvThroughput.CONNECTIONS
                + " closed-loop connections sending PUTs, 1 s warm-up then "
                + seconds
                + " s measured, the same JVM options (SerialGC, `-Xmx256m`, `-XX:-UsePerfData`) in"
                + " every variant; the order of the variants rotates from round to round. Under"
                + " `ftjvm run` only the start checkpoint is taken (`--checkpoint-every 0"
                + " --checkpoint-log-bytes 0`): this measures logging, group commit and output"
                + " commit, not checkpoint pauses.";
        results.replaceSection(
            "ft-throughput",
            section(
                "## Key-value server throughput and latency (fault tolerance)",
                produced(command, load),
                intro,
                body));
      }
    } finally {
      Cleanup.deleteTree(work);
    }
    System.out.println("wrote " + root.resolve("bench/RESULTS.md"));
  }

  private static void usage() {
    System.err.println(
        "usage: java -jar bench/target/benchmarks.jar REPO_ROOT [all|agent|server|startup|contended|thread-reads|ft|"
            + "ft-pause|"
            + "ft-recovery|ft-throughput] [rounds=3] [seconds=5]\n"
            + "  environment: FT_HEAPS_MB (default 64,512), FT_TAILS (default 0,10000,100000),"
            + " BENCH_NOTE (a sentence written under each section's header),"
            + " BENCH_SERVER_WARMUP (seconds of unmeasured load before each server run, default 15)");
    System.exit(2);
  }

  /**
   * A section of RESULTS.md: its title, how it was produced, an introduction (a paragraph, or null)
   * and its lines.
   */
  private static List<String> section(
      String title, List<String> produced, String intro, List<String> body) {
    List<String> lines = new ArrayList<>();
    lines.add(title);
    lines.add("");
    lines.addAll(produced);
    if (intro != null) {
      lines.add(intro);
      lines.add("");
    }
    lines.addAll(body);
    return lines;
  }

  /** A section whose body carries its own headings: the produced line, then the body. */
  private static List<String> producedThen(String command, String load, List<String> body) {
    List<String> lines = new ArrayList<>(produced(command, load));
    lines.addAll(body);
    return lines;
  }

  /**
   * The line that says how, when and where a section was produced: call it after the section's
   * measurements, so the load average "at the end" is read at their end.
   */
  private static List<String> produced(String command, String loadAtStart) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Produced by `"
            + command
            + "` ("
            + LocalDate.now()
            + ", Java "
            + System.getProperty("java.version")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, load average "
            + loadAtStart
            + " at the start and "
            + Machine.loadAverage()
            + " at the end). These machines are noisy: compare figures from the same run only.");
    String note = System.getenv("BENCH_NOTE");
    if (note != null && !note.isBlank()) {
      lines.add("");
      lines.add("**" + note.strip() + "**");
    }
    lines.add("");
    return lines;
  }

  private static String env(String name, String defaultValue) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  /** What the agent adds to the start of every JVM it runs in. */
  private static List<String> startupSection(String java, Path agent, Path apps, int rounds)
      throws Exception {
    int starts = Math.max(5, 2 * rounds);
    List<String> report = new ArrayList<>();
    report.add(
        "`StartupProbe` (test-apps) prints the process's CPU time when its `main` runs (all"
            + " threads: the agent's premain, class loading, the JIT compilers); started "
            + starts
            + " times each way: plain, with `-javaagent:...=mode=record,transformCache=off` (every"
            + " JDK class transformed, as on a first start) and with the transformation cache"
            + " filled (by one unmeasured start), in rotating order after one unmeasured start."
            + " Median (min–max). Installing: the time the agent logs for installing its"
            + " instrumentation (Byte Buddy retransforming the JDK classes it captures, or"
            + " taking them from the cache).");
    report.add("");
    report.addAll(new AgentStartup(java, agent, apps).run(starts));
    return report;
  }

  /** Locks shared by one benchmark thread per core: what blocking and handing over cost. */
  private static List<String> contendedSection(Path agent) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> report = new ArrayList<>();
    report.add(
        threads
            + " JMH threads (one per core) take the same lock, increment a counter and release it;"
            + " the score is one thread's average time per operation, so with the lock always"
            + " held by someone it is about "
            + threads
            + " times a handoff. A blocked `Semaphore` or home-made AQS mutex waits in the agent's"
            + " line while recording (first come, first served; only the first in line retries);"
            + " a monitor or `ReentrantLock` waits in the JDK's queue. One fork each, 3 x 1 s"
            + " warm-up, 5 x 1 s measurement.");
    report.add("");
    report.addAll(AgentOverheadBenchmarks.run(agent, AgentOverheadBenchmarks.CONTENDED, threads));
    return report;
  }

  /** The agent-overhead part: JMH micro benchmarks and replay speed. */
  private static List<String> agentSections(
      Path root, String java, Path agent, Path apps, int rounds, int seconds) throws Exception {
    List<String> report = new ArrayList<>();
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
    report.add("## Uncontended lock-free operations (JMH, record mode vs plain JVM)");
    report.add("");
    report.add(
        "Each is an ordered step on its object: a whole ConcurrentHashMap.merge, an"
            + " AtomicLong.incrementAndGet, a volatile field's read and write (two steps);"
            + " forkAndJoinInPlace invokes a task that forks, joins and runs a subtask (one task"
            + " named and run under its name, no events). Same settings.");
    report.add("");
    report.addAll(AgentOverheadBenchmarks.run(agent, AgentOverheadBenchmarks.LOCK_FREE));
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
        "Wall times include the JVM's and the agent's start (see Agent start-up), so"
            + " the rate is a lower bound.");
    report.add("");

    return report;
  }

  /** The recording server's throughput and CPU per request against plain, and its determinants. */
  private static List<String> serverSections(
      Path root, String java, Path agent, Path apps, int rounds, int seconds) throws Exception {
    List<String> report = new ArrayList<>();
    int warmup = Integer.parseInt(env("BENCH_SERVER_WARMUP", "15"));
    ServerThroughput bench = new ServerThroughput(java, agent, apps, warmup, seconds);
    double[] plain = new double[rounds];
    double[] recorded = new double[rounds];
    double[] ratio = new double[rounds];
    double[] plainCpu = new double[rounds];
    double[] recordedCpu = new double[rounds];
    long[] bytes = new long[rounds];
    Path kept = Files.createTempDirectory("ftjvm-bench-keep-").resolve("recording");
    for (int i = 0; i < rounds; i++) {
      // Alternate which variant goes first, so warm caches or a busy neighbour favour neither.
      boolean plainFirst = i % 2 == 0;
      ServerThroughput.Sample p = plainFirst ? bench.measure(false, null) : null;
      ServerThroughput.Sample s = bench.measure(true, i == rounds - 1 ? kept : null);
      if (!plainFirst) {
        p = bench.measure(false, null);
      }
      plain[i] = p.rps();
      plainCpu[i] = p.cpuMicrosPerRequest();
      recorded[i] = s.rps();
      recordedCpu[i] = s.cpuMicrosPerRequest();
      ratio[i] = recorded[i] / plain[i];
      bytes[i] = s.recordingBytes();
      System.err.printf(
          "round %d: plain %.0f rps (%.2f CPU-µs/request), recording %.0f rps (%.2f), %d bytes%n",
          i + 1, plain[i], plainCpu[i], recorded[i], recordedCpu[i], bytes[i]);
    }
    double plainMedian = Stats.median(plain);
    double recordedMedian = Stats.median(recorded);
    report.add("## Request/response server throughput (macro, record mode vs plain)");
    report.add("");
    report.add(
        "`RequestResponseServer` (thread per connection) under `LoadClient` with 4 connections, 64-byte");
    report.add(
        "requests; each server first serves an unmeasured "
            + warmup
            + " s warm-up client (`BENCH_SERVER_WARMUP`; the JIT's catching-up after the agent's"
            + " start is not the server's throughput), then a measured "
            + seconds
            + " s one; "
            + rounds
            + " rounds (plain first in odd rounds, recording first in even ones). The ratio is"
            + " taken within each round, so a slow minute of the machine counts against both.");
    report.add(
        "CPU per request: the server process's CPU time (all its threads) from 1 s into the"
            + " measured load to 1 s before its end, over the requests of that window at the"
            + " load's average rate. On 2 cores shared by 4 server and 4 client threads a round's"
            + " throughput also depends on how the scheduler places them, which moves a plain"
            + " server by tens of percent from one start to the next. The CPU a request costs"
            + " shows what the agent adds without that placement, though it too rises in a slow"
            + " round (more wake-ups per request).");
    report.add("Target: at least 85% of plain.");
    report.add("");
    report.add(
        "| round | plain (req/s) | agent recording (req/s) | recording / plain | plain CPU-µs"
            + " / request | recording CPU-µs / request | recording size (bytes) | recording rate"
            + " (bytes/s) |");
    report.add("|---|---|---|---|---|---|---|---|");
    for (int i = 0; i < rounds; i++) {
      report.add(
          String.format(
              "| %d | %.0f | %.0f | %.1f%% | %.2f | %.2f | %d | %.0f |",
              i + 1,
              plain[i],
              recorded[i],
              100 * ratio[i],
              plainCpu[i],
              recordedCpu[i],
              bytes[i],
              bytes[i] / (double) (warmup + seconds)));
    }
    report.add(
        String.format(
            "| **median** | **%.0f** | **%.0f** | **%.1f%%** | **%.2f** | **%.2f** | | |",
            plainMedian,
            recordedMedian,
            100 * Stats.median(ratio),
            Stats.median(plainCpu),
            Stats.median(recordedCpu)));
    report.add("");
    report.add(
        String.format(
            "Median recording throughput over median plain: %.1f%%. Median CPU per request:"
                + " recording %.1f%% of plain.",
            100 * recordedMedian / plainMedian,
            100 * Stats.median(recordedCpu) / Stats.median(plainCpu)));
    report.add("");
    report.add("## Bytes per determinant (from the last recorded server run)");
    report.add("");
    report.add("```");
    report.add(inspect(root, java, kept).strip());
    report.add("```");
    report.add("");
    Cleanup.deleteTree(kept.getParent());
    return report;
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
}
