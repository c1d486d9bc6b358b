package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Programs whose output depends on how their threads interleave replay to the same transcript every
 * time, with scheduling noise injected into the replaying threads (random short pauses before every
 * lock event), so the real scheduler is given every chance to get it wrong.
 */
class MultithreadedReplayIT {
  static final int REPLAYS = 40;

  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "io.ftjvm.testapps.bank.Bank, 60",
    "io.ftjvm.testapps.concurrent.WaitNotifyProducerConsumer, 60",
    "io.ftjvm.testapps.concurrent.BlockingQueuePipeline, 150",
    "io.ftjvm.testapps.concurrent.AtomicCounters, 1000",
    // CompletableFuture chains, a ConcurrentLinkedQueue and invokeAll on a fixed pool. Its pool is
    // left running: a shutdown's interrupt that races a signal inside Condition.await can make a
    // Java 25 recording unreplayable (README, limits); InterruptedWorkers covers interrupts.
    "io.ftjvm.testapps.concurrent.ExecutorPipeline, --shutdown no 50",
    // Interrupts landing in sleep, wait, take, lockInterruptibly, join and a polling loop.
    "io.ftjvm.testapps.concurrent.InterruptedWorkers, 200",
    // Semaphore tryAcquire/acquire/drainPermits and CountDownLatch getCount/timed await races.
    "io.ftjvm.testapps.concurrent.PermitsAndLatches, 200",
  })
  void interleavingDependentProgramReplaysExactlyUnderSchedulingNoise(String app, String args)
      throws Exception {
    Ftjvm.Result plainA =
        Ftjvm.run(work, Map.of(), Ftjvm.java(app, args.split(" "))).expectStatus(0);
    Ftjvm.Result plainB =
        Ftjvm.run(work, Map.of(), Ftjvm.java(app, args.split(" "))).expectStatus(0);
    Ftjvm.Result plainC =
        Ftjvm.run(work, Map.of(), Ftjvm.java(app, args.split(" "))).expectStatus(0);
    assertTrue(
        !plainA.stdout().equals(plainB.stdout()) || !plainA.stdout().equals(plainC.stdout()),
        "the program should depend on interleaving for this test to mean anything");

    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        Ftjvm.ftjvm(work, Map.of(), Ftjvm.record(recording, Ftjvm.java(app, args.split(" "))))
            .expectStatus(0);
    // Three replays at a time on the CI machine's two cores (the injected pauses leave a core
    // idle often enough: 12 replays of AtomicCounters took 32 s this way, 38 s two at a time).
    // Each is an independent JVM reading the same recording; the noise differs from one to the
    // next.
    ExecutorService replays = Executors.newFixedThreadPool(3);
    try {
      List<Future<Ftjvm.Result>> results = new ArrayList<>();
      for (int i = 0; i < REPLAYS; i++) {
        String jitter = "replayJitterMicros=" + (50 + 25 * (i % 8));
        results.add(
            replays.submit(
                () ->
                    Ftjvm.ftjvm(
                        work, Map.of(), "replay", recording.toString(), "--agent-option", jitter)));
      }
      for (int i = 0; i < REPLAYS; i++) {
        Ftjvm.Result replayed = results.get(i).get().expectStatus(0);
        assertEquals(
            recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
      }
    } finally {
      replays.shutdownNow();
    }
    String locks =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
    assertTrue(locks.contains("LOCK_ACQUIRE"), locks);
    assertNotEquals(0, recorded.stdout().length());
  }
}
