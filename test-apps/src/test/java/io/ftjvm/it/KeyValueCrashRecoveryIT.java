package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-tolerance promise, with the real CRIU, real TCP and real {@code kill -9}: the key-value
 * server runs under {@code ./ftjvm run} while external clients write to it, and is killed at random
 * moments (some right after a restore, so during the replay of the log; with a checkpoint every two
 * seconds, some during a checkpoint). After every recovery each client's acknowledged writes are
 * all there, none applied twice, and each key holds what a run without crashes would hold (the
 * client checks the value and the version, i.e. the number of times the key was written).
 *
 * <p>Every fourth kill comes right after a restore (during the replay of the log); every fourth
 * other one right after asking for a checkpoint (during the CRIU dump, which takes a few hundred
 * milliseconds), so both are among the crashes in every run, not only by chance.
 *
 * <p>The waits are hang guards, never assertions on how long something took.
 */
class KeyValueCrashRecoveryIT {
  private static final int KILLS = 20;

  @Test
  void everyAcknowledgedWriteSurvivesTwentyKills(
      // kept when the test fails: the state directory is the evidence
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work) throws Exception {
    Path state = work.resolve("state");
    int port = freePort();
    List<String> run =
        Ftjvm.supervised(
            state, 2, "io.ftjvm.testapps.kv.KeyValueServer", "--port", String.valueOf(port));
    Random random = new Random(); // the kill moments differ from run to run, as in real life
    try (Ftjvm.Background supervisor = new Ftjvm.Background(work.resolve("supervisor"), run)) {
      awaitListening(state, supervisor);
      List<Ftjvm.Background> clients = new ArrayList<>();
      int kills = 0;
      int clientNo = 0;
      while (kills < KILLS) {
        if (clients.isEmpty() || !clients.get(clients.size() - 1).process.isAlive()) {
          clientNo++;
          clients.add(startClient(work, port, "c" + clientNo));
        }
        // Long enough, on average, for a periodic checkpoint (every 2 s, counted from the one a
        // restored process came from) to complete between kills now and then.
        Thread.sleep(500 + random.nextInt(2000));
        long pid = Supervision.appPid(state);
        if (kills % 4 == 2) {
          requestCheckpoint(state);
          Thread.sleep(
              100 + random.nextInt(250)); // the agent looks every 100 ms; dumps last longer
        }
        Supervision.kill(pid);
        kills++;
        long restored = Supervision.awaitNewPid(state, pid, supervisor);
        if (kills % 4 == 0) {
          // Right after the restore: the replay of the log is still going on.
          Thread.sleep(random.nextInt(60));
          Supervision.kill(restored);
          kills++;
          Supervision.awaitNewPid(state, restored, supervisor);
        }
      }
      for (Ftjvm.Background client : clients) {
        Ftjvm.Result result = client.awaitExit();
        assertEquals(
            0, result.status(), "client failed:\n" + result.stdout() + "\n" + result.stderr());
        assertTrue(
            result.stdout().contains("missing=0 duplicates=0"),
            "every acknowledged write is there, once:\n" + result.stdout());
        assertTrue(
            result.stdout().contains("clock-regressions=0"),
            "the server's clock never went back across recoveries:\n" + result.stdout());
      }
      // A run without crashes ends with every key at the client's last value: SUM of versions
      // equals the number of writes of every client together.
      long writes = clients.size() * WRITES;
      assertEquals(
          "SUM " + writes, ask(port, "SUM"), "the state equals that of a run without crashes");
      String log = Files.readString(state.resolve("agent.log"));
      // Every kill was followed by a restore; a kill during a replay ends that recovery before it
      // goes live, and the next one replays the same log again.
      long recoveries;
      try (var dirs = Files.list(state.resolve("recovery"))) {
        recoveries = dirs.filter(d -> d.getFileName().toString().matches("\\d+")).count();
      }
      assertTrue(recoveries >= KILLS, recoveries + " recoveries for " + KILLS + " kills:\n" + log);
      System.out.println(summary(log, kills, recoveries) + released(Ftjvm.read(supervisor.stderr)));
    }
  }

  private static final int WRITES = 400;

  /** What the run went through, for whoever reads the test output. */
  private static String summary(String agentLog, int kills, long recoveries) {
    StringBuilder restoredFrom = new StringBuilder();
    agentLog
        .lines()
        .filter(l -> l.contains("restored from checkpoint"))
        .forEach(
            l -> {
              String[] words = l.substring(l.indexOf("restored from checkpoint")).split("[ ;]");
              restoredFrom.append(words[3]).append(' ');
            });
    long checkpoints = agentLog.lines().filter(l -> l.contains(" INFO checkpoint (")).count();
    return "chaos: "
        + kills
        + " kills, "
        + recoveries
        + " recoveries, "
        + checkpoints
        + " checkpoints taken; restored from checkpoints: "
        + restoredFrom.toString().strip();
  }

  /** How often a kill during a dump left CRIU holding the dead JVM (docs/fault-tolerance.md). */
  private static String released(String supervisorOutput) {
    long count = supervisorOutput.lines().filter(l -> l.contains("killed CRIU")).count();
    return count == 0 ? "" : "; " + count + " times a hung CRIU dump held the killed JVM";
  }

  /** As ./ftjvm checkpoint does: a request file the agent picks up (the answer is not awaited). */
  private static void requestCheckpoint(Path state) throws Exception {
    Path control = state.resolve("control");
    Path tmp = control.resolve("chaos.tmp");
    Files.writeString(tmp, "");
    Files.move(
        tmp,
        control.resolve("chaos-" + System.nanoTime() + ".request"),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static Ftjvm.Background startClient(Path work, int port, String id) throws Exception {
    return new Ftjvm.Background(
        work.resolve("client-" + id),
        Ftjvm.java(
            "io.ftjvm.testapps.kv.KeyValueClient",
            "--port",
            String.valueOf(port),
            "--writes",
            String.valueOf(WRITES),
            "--keys",
            "7",
            "--client-id",
            id,
            "--timeout-ms",
            "3000",
            "--give-up-seconds",
            "120"));
  }

  private static void awaitListening(Path state, Ftjvm.Background supervisor) throws Exception {
    Path out = state.resolve("app.out");
    long deadline = System.nanoTime() + Ftjvm.TIMEOUT.toNanos();
    while (!(Files.exists(out) && Files.readString(out).contains("listening on port"))) {
      if (!supervisor.process.isAlive() || System.nanoTime() > deadline) {
        fail("the server did not start under ./ftjvm run:\n" + Ftjvm.read(supervisor.stderr));
      }
      Thread.sleep(50);
    }
  }

  private static String ask(int port, String command) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
          PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
        s.setSoTimeout(10_000);
        out.println(command);
        String answer = in.readLine();
        if (answer != null) {
          return answer;
        }
      } catch (java.io.IOException e) {
        if (attempt > 100) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
