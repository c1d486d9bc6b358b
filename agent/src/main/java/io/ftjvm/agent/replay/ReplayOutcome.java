package io.ftjvm.agent.replay;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.sync.ReplayedLockOrder;
import io.ftjvm.bootstrap.AgentFrames;
import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.ExitStatus;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.replayer.engine.Divergence;
import io.ftjvm.replayer.engine.ReplaySession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * How a replay ends, and what it tells the user: a divergence report and a distinct exit status;
 * "matched" when the program ended as recorded; "end of recording" when every recorded event of a
 * killed process was replayed. The verdict file lets ./ftjvm replay tell these apart.
 */
public final class ReplayOutcome {
  private static final long CATCH_UP_POLL_NANOS = 10_000_000L;
  private static final long CATCH_UP_QUIET_NANOS = 2_000_000_000L;
  private static final long FLUSH_WAIT_MILLIS = 1_000;
  private static final long HALT_WAIT_NANOS = 10_000_000_000L;

  /** Set when the program has ended; see {@link #letRunningThreadsCatchUp}. */
  private volatile boolean programEnding;

  private final AgentConfig config;
  private final ReplaySession session;
  private final ReplayedLockOrder locks;
  private volatile boolean stopping;
  private volatile int parkedAtEnd;

  public ReplayOutcome(AgentConfig config, ReplaySession session, ReplayedLockOrder locks) {
    this.config = config;
    this.session = session;
    this.locks = locks;
  }

  /** Some thread is parked at the end of its recording, or waits for a lock turn. */
  boolean someThreadWaiting() {
    return parkedAtEnd > 0 || !locks.waitingThreads().isEmpty();
  }

  /** Reports the divergence and ends the JVM with the divergence exit status. Never returns. */
  RuntimeException diverged(Divergence divergence) {
    synchronized (this) {
      if (stopping) {
        parkForever();
      }
      stopping = true;
    }
    Hooks.deactivate();
    String report = divergence.report(AgentFrames.programs(Thread.currentThread().getStackTrace()));
    finish("diverged", report, config.divergenceExitCode);
    return divergence;
  }

  /** The recording turned out damaged while replaying: refused like any unusable recording. */
  RuntimeException damaged(Throwable problem) {
    synchronized (this) {
      if (stopping) {
        parkForever();
      }
      stopping = true;
    }
    Hooks.deactivate();
    finish(
        "damaged",
        "[ftjvm] cannot go on replaying: the recording is damaged: " + problem.getMessage(),
        2);
    return new IllegalStateException(problem);
  }

  /** A thread ran out of recorded events in a recording of a killed process. Never returns. */
  RuntimeException reachedEnd() {
    synchronized (this) {
      parkedAtEnd++;
    }
    endIfAllReplayed();
    parkForever();
    return new IllegalStateException("unreachable");
  }

  /** Ends the replay with success when every recorded event has been replayed. */
  void endIfAllReplayed() {
    List<String> unfinished = session.unfinishedThreads();
    if (!unfinished.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    Hooks.deactivate();
    finish(
        "end-of-recording",
        "[ftjvm] replay reached the end of the recording: "
            + session.replayedEvents()
            + " events replayed, all as recorded (the recorded process did not exit normally)",
        0);
  }

  boolean someThreadParkedAtEnd() {
    return parkedAtEnd > 0;
  }

  /** A shutdown hook: the program is ending by itself; did it end as the recording did? */
  void programEnded() {
    if (stopping) {
      awaitHalt(); // another thread is reporting: the JVM must end with its status, not 0
      return;
    }
    if (session.recordingComplete()) {
      letRunningThreadsCatchUp();
    }
    Hooks.deactivate();
    if (!session.recordingComplete()) {
      writeVerdict("program-ended-early", "");
      System.err.println(
          "[ftjvm] replay: the program ended before the end of the recording (the recorded process was killed later)");
      return;
    }
    List<String> unfinished = session.unfinishedThreads();
    int recordedStatus = session.recording().end().get().exitStatus();
    int status = ExitStatus.status();
    if (!unfinished.isEmpty() || status != recordedStatus) {
      stopping = true;
      String what =
          !unfinished.isEmpty()
              ? "the program ended, but recorded events were never replayed:\n    "
                  + String.join("\n    ", unfinished)
              : "the program exited with status "
                  + status
                  + ", the recorded run with "
                  + recordedStatus;
      finish(
          "diverged",
          "[ftjvm] REPLAY DIVERGED at the end of the run: " + what,
          config.divergenceExitCode);
      return;
    }
    writeVerdict("matched", "events=" + session.replayedEvents() + "\nexitStatus=" + status + "\n");
  }

  /**
   * A program may end while daemon threads (the idle workers of a pool left running, say) are still
   * busy: what they did before the recorded JVM was gone is in the recording, so they are given the
   * time to replay it before the verdict, as long as they keep making progress.
   */
  private void letRunningThreadsCatchUp() {
    programEnding = true;
    long replayed = session.replayedEvents();
    long quietSince = System.nanoTime();
    while (!session.unfinishedThreads().isEmpty()) {
      LockSupport.parkNanos(CATCH_UP_POLL_NANOS);
      long now = session.replayedEvents();
      if (now != replayed) {
        replayed = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > CATCH_UP_QUIET_NANOS) {
        return; // stuck: the verdict names the threads that are behind
      }
    }
  }

  /** Whether the program has ended and its remaining (daemon) threads are catching up. */
  boolean programEnding() {
    return programEnding;
  }

  /**
   * A daemon thread went on past its last recorded event while the program was ending: the recorded
   * JVM exited at that point, so this one stops the thread there. Never returns.
   */
  RuntimeException ranPastExit() {
    parkForever();
    return new IllegalStateException("unreachable");
  }

  /** Reports a replay that stopped making progress. */
  void stalled(long seconds) {
    List<String> unfinished = new java.util.ArrayList<>(locks.waitingThreads().values());
    unfinished.addAll(session.unfinishedThreads());
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    Hooks.deactivate();
    finish(
        "diverged",
        "[ftjvm] REPLAY STALLED: no progress for "
            + seconds
            + " s while recorded events remain:\n    "
            + String.join("\n    ", unfinished)
            + "\n  hint: the threads did not reach their locks as recorded (the program may have a data"
            + " race), or did not run as recorded",
        config.divergenceExitCode);
  }

  private volatile java.util.function.BiConsumer<String, String> beforeHalt;

  /**
   * Recovery: told (verdict, report) before the process stops, to leave a mark for the supervisor.
   */
  public void beforeHalt(java.util.function.BiConsumer<String, String> action) {
    this.beforeHalt = action;
  }

  private void finish(String verdict, String message, int status) {
    java.util.function.BiConsumer<String, String> action = beforeHalt;
    if (action != null) {
      try {
        action.accept(verdict, message);
      } catch (RuntimeException e) {
        System.err.println("[ftjvm] " + e);
      }
    }
    // The verdict goes first, and nothing below waits for a lock a program thread may hold: a
    // thread stopped inside println keeps System.out's monitor for good (a CI replay hung so).
    writeVerdict(verdict, message + "\n");
    ProgramOutput.flushWithin(FLUSH_WAIT_MILLIS);
    ProgramOutput.reportOnStderr(message);
    Runtime.getRuntime().halt(status);
  }

  private void writeVerdict(String verdict, String details) {
    if (config.verdict == null) {
      return;
    }
    try {
      Files.writeString(
          config.verdict, "verdict=" + verdict + "\n" + details, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("[ftjvm] cannot write the replay verdict to " + config.verdict + ": " + e);
    }
  }

  /** Waits (bounded) for the thread that set {@code stopping} to halt the JVM. */
  private static void awaitHalt() {
    long deadline = System.nanoTime() + HALT_WAIT_NANOS;
    while (System.nanoTime() < deadline) {
      LockSupport.parkNanos(CATCH_UP_POLL_NANOS);
    }
  }

  private static void parkForever() {
    AppThreads.disown();
    while (true) {
      LockSupport.park();
    }
  }
}
