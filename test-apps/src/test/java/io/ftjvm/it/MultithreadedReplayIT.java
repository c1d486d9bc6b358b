package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Programs whose output depends on how their threads interleave replay to the same transcript every
 * time, with scheduling noise injected into the replaying threads (random short pauses before every
 * lock event), so the real scheduler is given every chance to get it wrong. A recording that fails
 * is kept in target/failed-recordings.
 */
class MultithreadedReplayIT {
  static final int RECORDINGS = 2;
  // At least 50 noisy replays of every program (the bar), split over two recordings.
  static final int REPLAYS_PER_RECORDING = 25;

  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // synchronized, ReentrantLock, and a ReentrantReadWriteLock (transfers read, audits write).
    "io.ftjvm.testapps.bank.Bank, 60",
    "io.ftjvm.testapps.concurrent.WaitNotifyProducerConsumer, 60",
    // ArrayBlockingQueue and LinkedBlockingQueue, then a LinkedTransferQueue's transfers and polls.
    "io.ftjvm.testapps.concurrent.BlockingQueuePipeline, 150",
    "io.ftjvm.testapps.concurrent.AtomicCounters, 300",
    // CompletableFuture chains, a ConcurrentLinkedQueue and Deque, invokeAll on a fixed pool, a
    // cached pool's SynchronousQueue hand-offs (which worker runs which task, how many are
    // started), and the pools' shutdown, whose interrupts race the idle workers' waits.
    "io.ftjvm.testapps.concurrent.ExecutorPipeline, 50",
    // Interrupts landing in sleep, wait, take, lockInterruptibly, join and a polling loop.
    "io.ftjvm.testapps.concurrent.InterruptedWorkers, 200",
    // Semaphore tryAcquire/acquire/drainPermits and CountDownLatch getCount/timed await races,
    // a LockSupport park/unpark hand-off through an AtomicReference, Exchanger meetings, and a
    // tree of Phasers with a party leaving, onAdvance and timed waits on the root.
    "io.ftjvm.testapps.concurrent.PermitsAndLatches, 200",
    // Timed condition waits racing their signals and interrupts: a ScheduledThreadPoolExecutor's
    // periodic and one-shot tasks, cancels and shutdown; queue polls and offers that time out;
    // Future.get and CompletableFuture.get with timeouts, and interrupted waiters.
    "io.ftjvm.testapps.concurrent.TimedWaits, 30",
    // SubmissionPublishers: two subscribers behind a buffer of 4, then two producers at once on
    // the common pool (lock-free steps on each subscription, the publisher's lock); then a
    // java.util.Timer's fixed-rate and fixed-delay tasks, cancel and purge (its clock reads,
    // monitors and timed waits).
    "io.ftjvm.testapps.concurrent.PublisherAndTimer, 100",
  })
  void interleavingDependentProgramReplaysExactlyUnderSchedulingNoise(String app, String args)
      throws Exception {
    NoisyReplays.assertDependsOnInterleaving(
        work, Ftjvm.java(app, args.split(" ")), "interleaving");

    // Two recordings (whether a recording can be replayed may depend on how its run went), made
    // at the same time, each replayed several times.
    List<Path> recordings = new ArrayList<>();
    List<Callable<Ftjvm.Result>> records = new ArrayList<>();
    for (int r = 1; r <= RECORDINGS; r++) {
      Path recording = work.resolve("rec" + r);
      recordings.add(recording);
      records.add(() -> Ftjvm.recordApp(work, recording, app, args.split(" ")));
    }
    List<Ftjvm.Result> recorded = NoisyReplays.twoAtATime(records);
    try {
      for (Ftjvm.Result run : recorded) {
        assertNotEquals(0, run.stdout().length());
      }
      NoisyReplays.replayAll(work, recordings, recorded, REPLAYS_PER_RECORDING);
      for (Path recording : recordings) {
        String summary =
            Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
        assertTrue(summary.contains("LOCK_ACQUIRE"), summary);
      }
    } catch (AssertionError | Exception e) {
      for (int r = 0; r < RECORDINGS; r++) {
        NoisyReplays.keep(recordings.get(r), app + "-" + (r + 1));
      }
      throw e;
    }
  }

  /**
   * InterruptedWorkers' main thread (logical thread 1) reads each of its 8 workers' flag twice,
   * whether it is alive and its state; one worker's through its own Thread subclass's type. Every
   * one of those reads is an ordered event: none is left to the replay's timing.
   */
  @Test
  void everyFlagLifeAndStateReadIsOrderedEvenThroughAThreadSubclassType() throws Exception {
    Path recording = work.resolve("typed-reads");
    Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.concurrent.InterruptedWorkers", "50");
    String mainReads =
        mainThreadEvents(
            recording,
            "INTERRUPT_CHECK",
            "INTERRUPT_CHECK_SET",
            "THREAD_ALIVE",
            "THREAD_NOT_ALIVE",
            "THREAD_STATE");
    assertEquals(16, count(mainReads, "INTERRUPT_CHECK(_SET)?"), mainReads);
    assertEquals(8, count(mainReads, "THREAD_(NOT_)?ALIVE"), mainReads);
    assertEquals(8, count(mainReads, "THREAD_STATE"), mainReads);
  }

  /**
   * InterruptedWorkers' census: its main thread counts the threads of its group until only it is
   * left, and lists them each round. Every answer is an event of its own (one count more than
   * lists: the last count ends the loop), the list names the threads by logical id, and the agent's
   * own threads (replay's watchdog among them) are never in the group. The finishers' ids it prints
   * are events too.
   */
  @Test
  void threadCountsAndListsAreEventsAndTheAgentsThreadsAreNotAmongThem() throws Exception {
    Path recording = work.resolve("census");
    Ftjvm.Result recorded =
        Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.concurrent.InterruptedWorkers", "20");
    Matcher rounds = Pattern.compile("all ended after (\\d+) rounds").matcher(recorded.stdout());
    assertTrue(rounds.find(), recorded.stdout());
    String census =
        mainThreadEvents(recording, "THREAD_COUNT", "THREADS_LISTED", "THREAD_ID", "THREAD_TEXT");
    int n = Integer.parseInt(rounds.group(1));
    assertEquals(n + 1, count(census, "THREAD_COUNT"), census);
    assertEquals(n, count(census, "THREADS_LISTED"), census);
    // Each finisher's id and description: the JVM's numbering, and a group gone once it ended.
    assertEquals(3, count(census, "THREAD_ID"), census);
    assertEquals(3, count(census, "THREAD_TEXT"), census);
    if (n > 0) {
      assertTrue(census.contains("(alive: 1, 1."), census);
    }
    NoisyReplays.replayAll(work, recording, recorded, 1);
  }

  /**
   * Threads blocked on a Semaphore or a home-made synchronizer wait in the agent's line, not in the
   * JDK's queue: asked which threads wait, the program is told the line's threads by name, as a
   * plain JVM tells it (FairQueues' first step), and replay tells it the same threads.
   */
  @Test
  void whichThreadsWaitIsAnsweredFromTheAgentsLineAndReplayed() throws Exception {
    Path recording = work.resolve("known-waiters");
    Ftjvm.Result recorded =
        Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.concurrent.PermitsAndLatches", "10");
    assertTrue(
        recorded.stdout().contains("fair known waiters=fair-known-permit/fair-known-lock/true\n"),
        recorded.stdout());
    NoisyReplays.replayAll(work, recording, recorded, 1);
  }

  /**
   * What the JVM starts with the program, as production JVMs often do, is the JVM's own work: a
   * flight recording ({@code -XX:StartFlightRecording}) and the management agent's JMX server
   * ({@code -Dcom.sun.management.jmxremote.port}). The recorded run is the one recorded without
   * them (same threads, same kinds of event), and every replay records its own JFR file and ends as
   * recorded. Before, their threads took the program's thread ids, the JMX server's binds and
   * random numbers were events, replay stopped at its accept thread, and kept JFR's shutdown hook
   * waiting at exit forever. A replay where the recorded JMX port is taken runs its JMX server on
   * another port, and says so.
   */
  @Test
  void theFlightRecorderAndTheJmxServerStartedWithTheProgramAreTheJvmsOwnWork() throws Exception {
    Path plain = work.resolve("without-jfr");
    Ftjvm.recordApp(work, plain, "io.ftjvm.testapps.bank.Bank", "20");
    Path flight = work.resolve("flight.jfr");
    int jmxPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      jmxPort = free.getLocalPort();
    }
    List<String> command =
        List.of(
            Ftjvm.JAVA,
            "-XX:StartFlightRecording:filename=" + flight,
            "-Dcom.sun.management.jmxremote.port=" + jmxPort,
            "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false",
            "-cp",
            Ftjvm.APPS,
            "io.ftjvm.testapps.bank.Bank",
            "20");
    Path recording = work.resolve("with-jfr");
    Ftjvm.Result recorded =
        Ftjvm.ftjvm(work, Map.of(), Ftjvm.record(recording, command)).expectStatus(0);
    assertTrue(Files.size(flight) > 0, "JFR wrote nothing: " + recorded.stderr());
    assertEquals(threadsAndTypes(plain), threadsAndTypes(recording));

    for (int i = 0; i < 3; i++) {
      Files.delete(flight);
      // The last replay runs where the recorded JMX port is taken, as when the recorded service
      // is still running: its JMX server listens elsewhere, and the program replays the same.
      try (java.net.ServerSocket held = i == 2 ? new java.net.ServerSocket(jmxPort) : null) {
        Ftjvm.Result replayed =
            Ftjvm.ftjvm(
                    work,
                    NoisyReplays.REPLAY_JVM,
                    "replay",
                    recording.toString(),
                    "--agent-option",
                    "replayJitterMicros=" + (50 + 75 * i))
                .expectStatus(0);
        assertEquals(withoutJvmLog(recorded.stdout()), withoutJvmLog(replayed.stdout()));
        assertTrue(Files.size(flight) > 0, "replay " + i + ": JFR wrote nothing");
        assertEquals(
            held != null,
            replayed.stderr().contains("the recorded JMX port " + jmxPort + " "),
            replayed.stderr());
      }
    }
  }

  /**
   * ThreadDumps takes {@code Thread.getAllStackTraces()} and one worker's {@code getStackTrace()}
   * while its workers run: which threads there are and where each had got are events, replayed as
   * recorded. What the program sees of the JVM's own threads and of its own trace is what it sees
   * without the agent: neither the agent's threads nor its frames are in them.
   */
  @Test
  void allStackTracesAreEventsAndShowNeitherTheAgentsThreadsNorItsFrames() throws Exception {
    String app = "io.ftjvm.testapps.concurrent.ThreadDumps";
    String plain = Ftjvm.run(work, Map.of(), Ftjvm.java(app, "20")).expectStatus(0).stdout();
    Path recording = work.resolve("dumps");
    Ftjvm.Result recorded = Ftjvm.recordApp(work, recording, app, "20");
    for (String line : List.of("own trace: ", "own frame 1: ", "others: ")) {
      assertEquals(lineStarting(plain, line), lineStarting(recorded.stdout(), line), line);
    }
    String traces = mainThreadEvents(recording, "STACK_TRACES");
    // 21 maps of every thread's trace, and 20 of worker-0's alone; none of main's own.
    assertEquals(41, count(traces, "STACK_TRACES"), traces);
    NoisyReplays.replayAll(work, recording, recorded, 3);
  }

  @Test
  void whatTheThreadMxBeanSaysOfThreadsIsEventsWithoutTheAgentsThreadsOrFrames() throws Exception {
    String app = "io.ftjvm.testapps.concurrent.ThreadStates";
    String plain = Ftjvm.run(work, Map.of(), Ftjvm.java(app, "20")).expectStatus(0).stdout();
    Path recording = work.resolve("states");
    Ftjvm.Result recorded = Ftjvm.recordApp(work, recording, app, "20");
    // The JVM's own threads, and main's frames in its own dump, are the program's alone; the
    // number of ids is that of a run without the agent's threads.
    for (String line : List.of("others: ", "main frames: ")) {
      assertEquals(lineStarting(plain, line), lineStarting(recorded.stdout(), line), line);
    }
    assertEquals(threadIdCount(plain), threadIdCount(recorded.stdout()));
    String events = mainThreadEvents(recording, "THREAD_INFO", "JVM_TEXT");
    // Per sample, all threads' infos and each worker's (4), and the dump at the end; the ids once
    // per sample.
    assertEquals(81, count(events, "THREAD_INFO"), events);
    assertEquals(20, count(events, "JVM_TEXT"), events);
    assertFalse(events.contains("'ftjvm-"), events);
    NoisyReplays.replayAll(work, recording, recorded, 3);
  }

  /** How many thread ids the first sample of ThreadStates found. */
  private static String threadIdCount(String stdout) {
    Matcher m = Pattern.compile("(?m)^sample 0: ids=(\\d+) ").matcher(stdout);
    assertTrue(m.find(), stdout);
    return m.group(1);
  }

  private static String lineStarting(String stdout, String start) {
    return stdout
        .lines()
        .filter(l -> l.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + start + "in\n" + stdout));
  }

  /** The recording's threads and the types of event it holds, from inspect's summary. */
  private String threadsAndTypes(Path recording) throws Exception {
    String summary =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
    StringBuilder kept = new StringBuilder();
    Matcher m = Pattern.compile("(?m)^  ([0-9.]+|[A-Z_]+)\\s+\\d+").matcher(summary);
    while (m.find()) {
      kept.append(m.group(1)).append(' ');
    }
    assertTrue(kept.toString().contains("LOCK_ACQUIRE"), summary);
    return kept.toString();
  }

  /** A transcript without the JVM's own log lines (JFR's start message names the pid). */
  private static String withoutJvmLog(String stdout) {
    return stdout.replaceAll("(?m)^\\[[0-9.]+s\\]\\[info\\]\\[jfr,startup\\].*\\n", "");
  }

  /** The main thread's events of the given types, as inspect --events lists them. */
  private String mainThreadEvents(Path recording, String... types) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("inspect", recording.toString(), "--events", "--thread", "1"));
    for (String type : types) {
      args.add("--type");
      args.add(type);
    }
    return Ftjvm.ftjvm(work, Map.of(), args.toArray(new String[0])).expectStatus(0).stdout();
  }

  /** How many of the listed events (inspect --events lines) have a type matching typePattern. */
  private static long count(String events, String typePattern) {
    Matcher m = Pattern.compile("(?m)^1\\s+\\d+\\s+" + typePattern + "\\s").matcher(events);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
