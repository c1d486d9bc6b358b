package io.ftjvm.agent.ft;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.replay.ReplayHandler;
import io.ftjvm.agent.replay.ReplayOutcome;
import io.ftjvm.agent.replay.StandIns;
import io.ftjvm.agent.sync.ReplayedLockOrder;
import io.ftjvm.agent.wiring.AgentFileLog;
import io.ftjvm.agent.wiring.Refusal;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.capture.AgentThreads;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.RecordingWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Runs in a process CRIU has just restored: finds the log the crash left (the supervisor names it
 * in {@code recovery/current}), replays its tail thread by thread, and goes live when every thread
 * has caught up (docs/fault-tolerance.md, "Recovery, step by step").
 */
final class Recovery {
  private final AgentConfig config;
  private final AgentFileLog agentLog;
  private final RecordingWriter log;
  private final FtRecordHandler live;
  private volatile boolean inProgress;

  Recovery(AgentConfig config, AgentFileLog agentLog, RecordingWriter log, FtRecordHandler live) {
    this.config = config;
    this.agentLog = agentLog;
    this.log = log;
    this.live = live;
  }

  /**
   * Prepares the replay of the tail and hands the handler that replays it to {@code install}, which
   * installs it and lets the threads run.
   */
  void begin(long checkpointSequence, Consumer<EventHandler> install) {
    inProgress = true;
    long started = System.nanoTime();
    Path current = config.state.resolve("recovery").resolve("current");
    Path savedDir;
    try {
      savedDir = Path.of(Files.readString(current, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      Refusal.stop(
          "restored from checkpoint "
              + checkpointSequence
              + " but "
              + current
              + " cannot be read ("
              + e
              + "): recovery needs the log the crash left; restore with ./ftjvm restore");
      return;
    }
    StandIns standIns = new StandIns();
    RecoveryTail[] tail = new RecoveryTail[1];
    try {
      tail[0] =
          RecoveryTail.open(
              savedDir,
              live,
              log,
              () -> goLive(tail[0], standIns, savedDir, started, checkpointSequence));
    } catch (IOException e) {
      Refusal.stop("cannot recover: the log in " + savedDir + " is unusable: " + e.getMessage());
      return;
    }
    ReplayedLockOrder locks = live.locks().replayedOrder(0);
    ReplayOutcome outcome = new ReplayOutcome(config, tail[0].session(), locks);
    outcome.beforeHalt((verdict, report) -> diverged(savedDir, verdict + "\n" + report));
    ReplayHandler replay =
        new ReplayHandler(tail[0]::cursor, outcome, locks, live.channels(), standIns, true);
    agentLog.info(
        "restored from checkpoint "
            + checkpointSequence
            + "; replaying "
            + tail[0].remainingEvents()
            + " logged determinants from "
            + savedDir);
    unblockAccepts(tail[0], standIns);
    install.accept(new RecoveryHandler(tail[0], replay, locks, live));
    startWatch(tail[0]); // after: going live installs the live handler, which must come last
  }

  /** Between the restore and going live (a failed recovery halts the process). */
  boolean inProgress() {
    return inProgress;
  }

  /**
   * A thread that was blocked in accept when the checkpoint was taken is blocked in it again after
   * the restore, on the listener CRIU restored. When the log says that accept returned a
   * connection, a stand-in client connects now, so the accept returns and its thread replays on;
   * otherwise it would wait for the next real client, take it for the logged connection, and hang
   * up on it when going live.
   */
  private void unblockAccepts(RecoveryTail tail, StandIns standIns) {
    live.acceptsUnderWay()
        .forEach(
            (thread, call) -> {
              // Not tail.hasTail: that may go live, and the replay handler is not installed yet.
              Determinant next = tail.cursor(thread).peek(); // null: the accept is live
              if (next == null || next.type() != EventType.SOCKET_ACCEPT || next.channel() < 0) {
                return;
              }
              try {
                standIns.connectClientTo(call.socket);
              } catch (IOException e) {
                agentLog.error(
                    "cannot connect a stand-in for the accept thread "
                        + thread.logicalId()
                        + " was blocked in at the checkpoint",
                    e);
              }
            });
  }

  /** Every thread has replayed its tail: listeners and clocks are live from here on. */
  private void goLive(
      RecoveryTail tail, StandIns standIns, Path savedDir, long started, long checkpoint) {
    Hooks.install(live);
    standIns.hangUpAll(); // connections replayed from the log: their peers are gone
    inProgress = false;
    long ms = (System.nanoTime() - started) / 1_000_000;
    try {
      Files.writeString(
          savedDir.resolve("live"),
          "live at " + Instant.now() + " after " + ms + " ms of replay\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      agentLog.error("cannot write " + savedDir.resolve("live"), e);
    }
    agentLog.info(
        "recovery from checkpoint " + checkpoint + " complete after " + ms + " ms: live again");
  }

  /**
   * The recovery cannot reach the crash's state: say why in agent.log and in the recovery's {@code
   * diverged} file (CRIU does not pass the exit status on, so the supervisor looks there).
   */
  private void diverged(Path savedDir, String report) {
    agentLog.error("recovery failed: " + report, null);
    try {
      Files.writeString(savedDir.resolve("diverged"), report + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      agentLog.error("cannot write " + savedDir.resolve("diverged"), e);
    }
  }

  /** Notices threads that caught up without coming back to an event; reports a stuck replay. */
  private void startWatch(RecoveryTail tail) {
    Thread watch =
        AgentThreads.daemon(
            "ftjvm-recovery-watch",
            () -> {
              long lastProgress = System.nanoTime();
              long lastReplayed = -1;
              while (!tail.isLive()) {
                tail.checkAll();
                long replayed = tail.session().replayedEvents();
                if (replayed != lastReplayed) {
                  lastReplayed = replayed;
                  lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress
                    > config.stallTimeoutSeconds * 1_000_000_000L) {
                  diverged(
                      tail.savedDir(),
                      "recovery stalled: no progress for "
                          + config.stallTimeoutSeconds
                          + " s; threads still replaying: "
                          + tail.unfinishedThreads());
                  Runtime.getRuntime().halt(config.divergenceExitCode);
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watch.start();
  }
}
