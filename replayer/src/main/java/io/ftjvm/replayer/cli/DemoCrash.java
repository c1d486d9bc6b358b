package io.ftjvm.replayer.cli;

import static io.ftjvm.replayer.cli.DemoNarration.quote;
import static io.ftjvm.replayer.cli.DemoNarration.say;

import io.ftjvm.replayer.supervisor.CheckpointRequest;
import io.ftjvm.replayer.supervisor.ReplayedTail;
import io.ftjvm.replayer.supervisor.StateDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's second part: the key-value server runs under {@code ftjvm run}, a client writes keys
 * and gets acknowledgements, the server is killed with a real {@code kill -9}, the supervisor
 * brings it back, and every key is read back: each acknowledged write must be there exactly once.
 */
final class DemoCrash {
  /** How the part ended. */
  enum Outcome {
    /** Every acknowledged write was there exactly once after the crash. */
    SHOWN,
    /** ftjvm run refused to start here (no usable CRIU, not root, ...): the reason was printed. */
    UNAVAILABLE,
    /** A write was lost or doubled, or the server was not brought back: printed, state kept. */
    FAILED
  }

  static final String SERVER = "io.ftjvm.testapps.kv.KeyValueServer";
  private static final int KEYS = 10;
  private static final int ROUNDS = 3;

  /**
   * No periodic checkpoint: the one before main and the one the demo asks for half-way, so what the
   * demo shows does not depend on timing.
   */
  private static final List<String> RUN_OPTIONS = List.of("--checkpoint-every", "0");

  /** How long a client request may keep failing while the server is down (a hang guard). */
  private static final Duration CLIENT_PATIENCE = DemoSupervisor.PATIENCE;

  private final Path work;

  /**
   * @param work the demo's directory; the state directory goes to {@code work/kv-state}
   */
  DemoCrash(Path work) {
    this.work = work;
  }

  StateDir state() {
    return StateDir.of(work.resolve("kv-state"));
  }

  /** Runs steps 5 to 10. */
  Outcome run() throws Exception {
    StateDir state = state();
    int port = freePort();
    List<String> server =
        List.of(
            CliProcess.javaOfThisJvm(),
            "-cp",
            Installation.testAppsJar().toString(),
            SERVER,
            "--port",
            Integer.toString(port));
    say("5. Run a key-value server fault-tolerant, in the background. It keeps its data in memory");
    say("   only, so after a crash nothing but ftjvm can bring it back:");
    say("     ./ftjvm run --state " + state + " " + String.join(" ", RUN_OPTIONS) + " -- \\");
    say("         java -cp test-apps.jar " + SERVER + " --port " + port + " &");
    say(
        "   ("
            + String.join(" ", RUN_OPTIONS)
            + ": no periodic checkpoints; one is taken at start, before main,");
    say("   and the demo asks for another half-way. What follows it must come back from the log.)");
    try (DemoSupervisor supervisor =
        DemoSupervisor.start(state, RUN_OPTIONS, server, work.resolve("logs"))) {
      try {
        supervisor.awaitOutput("listening on port " + port);
      } catch (DemoSupervisor.Refused e) {
        say("   The crash part cannot run on this machine: ftjvm run refused to start the server:");
        e.getMessage().lines().forEach(DemoNarration::quote);
        say("   Fault-tolerance mode needs root and CRIU >= 4.2 (scripts/setup.sh provisions it).");
        say("   ./ftjvm demo --no-crash runs the first part alone.");
        return Outcome.UNAVAILABLE;
      }
      // The demo stopped by a signal must not leave the server running.
      Thread stopServer = new Thread(supervisor::close, "ftjvm-demo-stop-server");
      Runtime.getRuntime().addShutdownHook(stopServer);
      try {
        return crash(supervisor, port);
      } catch (IOException | RuntimeException e) {
        say("");
        say("The crash part FAILED: " + e.getMessage());
        say("What ftjvm run said:");
        supervisor.stderr().lines().forEach(DemoNarration::quote);
        return Outcome.FAILED;
      } finally {
        Runtime.getRuntime().removeShutdownHook(stopServer);
      }
    }
  }

  private Outcome crash(DemoSupervisor supervisor, int port) throws Exception {
    StateDir state = supervisor.state();
    say(
        "   It listens on port "
            + port
            + " (pid "
            + supervisor.appPid()
            + "); its log, checkpoint and output are in");
    say("   " + state + ".");

    try (DemoKvClient client = new DemoKvClient(port, CLIENT_PATIENCE, supervisor::isAlive)) {
      say("");
      say(
          "6. A client writes "
              + KEYS
              + " keys, "
              + ROUNDS
              + " times each (PUT <key> <value> <id>);");
      say("   the server answers OK <version>, the number of times the key has been written. The");
      say("   agent logs each request to disk before the server reads it, so an answer never");
      say("   leaves the process before what it acknowledges is safe.");
      AcknowledgedWrites acks = new AcknowledgedWrites();
      write(client, acks, 1, ROUNDS - 1);
      say("");
      say(
          "   A checkpoint now, while the client's connection is open:  ./ftjvm checkpoint "
              + state);
      CheckpointRequest.Answer answer = CheckpointRequest.send(state, CLIENT_PATIENCE);
      if (!answer.ok()) {
        throw new IOException("the checkpoint request was not answered ok: " + answer.line());
      }
      quote(answer.line());
      say("   and the last round of writes, which only the log holds:");
      write(client, acks, ROUNDS, ROUNDS);
      say("   " + acks.total() + " writes acknowledged.");

      say("");
      long pid = supervisor.appPid();
      say("7. Crash the server:  kill -9 $(cat " + state.appPid() + ")      # pid " + pid);
      Instant killed = Instant.now();
      kill9(pid);

      say("");
      say("8. ftjvm run sees it die and restores the checkpoint with CRIU; the agent replays the");
      say("   log up to the crash, and the server goes on live (recovery/NNNNNN/live appears in");
      say("   the state directory). What ftjvm run did, from its supervisor.log:");
      Path recovery = supervisor.awaitRestore(pid);
      Instant live = supervisor.awaitLive(recovery);
      supervisorSince(state, killed).forEach(DemoNarration::quote);
      say(
          "   Live again "
              + Duration.between(killed, live).toMillis()
              + " ms after the kill -9, as pid "
              + supervisor.appPid()
              + "; "
              + replayed(recovery)
              + ".");

      say("");
      say("9. The client reads every key back (GET <key>  ->  VALUE <value> <version> <time>):");
      boolean exactlyOnce = readBack(client, acks);

      say("");
      say("10. Stop it: Ctrl-C on ./ftjvm run (it kills the server and exits with status 143).");
      int status = supervisor.stop();
      say("   ftjvm run exited with status " + status + ".");
      if (status != ExitCodes.TERMINATED) {
        say("   That is not the 143 that ftjvm run promises for Ctrl-C and SIGTERM.");
        return Outcome.FAILED;
      }
      return exactlyOnce ? Outcome.SHOWN : Outcome.FAILED;
    }
  }

  /** Step 6: every key written in rounds first..last; each acknowledgement checked and noted. */
  private static void write(DemoKvClient client, AcknowledgedWrites acks, int first, int last)
      throws IOException {
    for (int round = first; round <= last; round++) {
      for (int k = 0; k < KEYS; k++) {
        int write = (round - 1) * KEYS + k + 1;
        String key = "k" + k;
        String value = key + ".round" + round;
        String requestId = "w" + write;
        String request = "PUT " + key + " " + value + " " + requestId;
        long version = client.put(key, value, requestId);
        if (!acks.acknowledged(key, value, version)) {
          throw new IOException(request + " was acknowledged with version " + version);
        }
        int firstOfPart = (first - 1) * KEYS + 1;
        if (write <= firstOfPart + 1 || write == last * KEYS) {
          quote(request + "  ->  OK " + version);
        } else if (write == firstOfPart + 2) {
          quote("...");
        }
      }
    }
  }

  /**
   * Step 9: GET every key and compare with what was acknowledged. The client still holds its
   * connection from before the crash: it breaks, and the client reconnects, as any client would.
   *
   * @return true when every acknowledged write is there exactly once, and no other key is
   */
  private static boolean readBack(DemoKvClient client, AcknowledgedWrites acks) throws IOException {
    int intact = 0;
    int lost = 0;
    int doubled = 0;
    int shown = 0;
    for (String key : acks.keys()) {
      String answer = client.get(key);
      AcknowledgedWrites.KeyCheck check = acks.check(key, answer);
      intact += check.exactlyOnce() ? check.acknowledged() : 0;
      lost += check.lost();
      doubled += check.doubled();
      if (shown < 3 || !check.exactlyOnce()) {
        quote(
            "GET "
                + key
                + "  ->  "
                + answer
                + "      ("
                + check.acknowledged()
                + " writes acknowledged"
                + (check.exactlyOnce()
                    ? ")"
                    : "; LOST " + check.lost() + ", DOUBLED " + check.doubled() + ")"));
        shown++;
      } else if (shown == 3) {
        quote("...");
        shown++;
      }
    }
    long count = client.count();
    say(
        "   (its connection from before the crash broke "
            + times(client.brokenConnections())
            + "; it reconnected and sent the request again)");
    say(
        "   acknowledged writes: "
            + acks.total()
            + ", present exactly once: "
            + intact
            + ", lost: "
            + lost
            + ", applied twice: "
            + doubled
            + "; keys held: "
            + count
            + " of "
            + KEYS);
    boolean exactlyOnce = intact == acks.total() && count == KEYS;
    say(
        exactlyOnce
            ? "   Every acknowledged write survived the kill -9, exactly once."
            : "   The server does NOT hold what it acknowledged: see above.");
    return exactlyOnce;
  }

  /** A real {@code kill -9}, the command a user types. */
  private static void kill9(long pid) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-9", Long.toString(pid))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
    int status = kill.waitFor();
    if (status != 0) {
      throw new IOException("kill -9 " + pid + " failed with status " + status);
    }
  }

  /** How many determinants the recovery replayed, from its saved log and checkpoint. */
  private static String replayed(Path recovery) {
    try {
      ReplayedTail tail = ReplayedTail.of(recovery);
      return "it restored checkpoint "
          + tail.checkpoint()
          + " and replayed the "
          + tail.determinants()
          + " determinants logged after it";
    } catch (IOException | RuntimeException e) {
      return "how much it replayed cannot be read (" + e.getMessage() + ")";
    }
  }

  /** supervisor.log's lines from {@code since} on, without their time stamps. */
  private static List<String> supervisorSince(StateDir state, Instant since) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(state.supervisorLog(), StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      try {
        if (space > 0 && !Instant.parse(line.substring(0, space)).isBefore(since)) {
          out.add(line.substring(space + 1));
        }
      } catch (DateTimeParseException e) {
        // not a line of its own (a continuation): leave it out
      }
    }
    return out;
  }

  private static String times(int n) {
    return n == 1 ? "once" : n + " times";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
