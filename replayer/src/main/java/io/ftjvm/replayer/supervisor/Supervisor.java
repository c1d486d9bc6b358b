package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RunEnd;
import io.ftjvm.checkpoint.CheckpointMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the application and brings it back after every crash (docs/fault-tolerance.md, "Recovery,
 * step by step", steps 1 to 4; the agent does the rest).
 *
 * <ul>
 *   <li>The application ended by itself ({@code recording/end.bin} exists): the supervisor exits
 *       with its exit status.
 *   <li>It diverged during a recovery (exit status 86, or the agent's {@code diverged} file in the
 *       recovery directory, since CRIU does not pass a restored process's status through): the
 *       supervisor gives up with status 86.
 *   <li>Otherwise it crashed: the newest usable checkpoint is restored. When the restore fails, a
 *       damaged image makes the supervisor fall back to the next older checkpoint (and mark the
 *       damaged one, so it is not tried again); a restore that was interrupted (a kill while CRIU
 *       was at work) or failed for another reason is tried again on the same checkpoint, so the
 *       work it holds is kept ({@link RestoreFailure}, {@link RestoreRetries}).
 * </ul>
 *
 * The application's end is watched on its JVM as well as on the process started for it ({@link
 * ExitWatch}): a CRIU dump interrupted by a kill can keep that process from ending.
 *
 * <p>After {@code maxRecoveries} recoveries in a row without the application going live in between
 * it gives up, rather than loop. {@link #stop()} (SIGTERM, Ctrl-C) kills the application and makes
 * the supervisor return {@link #TERMINATED} without a recovery.
 */
public final class Supervisor {

  public static final int DIVERGED = 86;

  /** The application crashed and could not be brought back. */
  public static final int GAVE_UP = 3;

  /** The supervisor was stopped by a signal (128 + SIGTERM). */
  public static final int TERMINATED = 143;

  private final StateDir state;
  private final AppStarter starter;
  private final RecoveryPreparation preparation;
  private final SupervisorLog log;
  private final int maxRecoveries;
  private final RestoreRetries retries = new RestoreRetries();
  private final ExitWatch exitWatch;

  private final Object lock = new Object();
  private StartedApp current;
  private boolean stopping;
  private boolean finished;

  public Supervisor(
      StateDir state,
      AppStarter starter,
      RecoveryPreparation preparation,
      SupervisorLog log,
      int maxRecoveries) {
    this(
        state,
        starter,
        preparation,
        log,
        maxRecoveries,
        new ExitWatch(log, ProcessTable.system(), ExitWatch.LINGER));
  }

  /** With the given watch over the application's end (the tests' shorter linger). */
  Supervisor(
      StateDir state,
      AppStarter starter,
      RecoveryPreparation preparation,
      SupervisorLog log,
      int maxRecoveries,
      ExitWatch exitWatch) {
    this.exitWatch = Objects.requireNonNull(exitWatch, "exitWatch");
    this.state = Objects.requireNonNull(state, "state");
    this.starter = Objects.requireNonNull(starter, "starter");
    this.preparation = Objects.requireNonNull(preparation, "preparation");
    this.log = Objects.requireNonNull(log, "log");
    if (maxRecoveries < 1) {
      throw new IllegalArgumentException("maxRecoveries must be at least 1: " + maxRecoveries);
    }
    this.maxRecoveries = maxRecoveries;
  }

  /** Launches the application afresh and supervises it; returns the exit status to end with. */
  public int run() throws IOException, InterruptedException {
    StartedApp app = starter.launch();
    log.log(
        "launched the application, pid "
            + app.appPid()
            + "; its output goes to "
            + state.appOut()
            + " and "
            + state.appErr());
    return superviseFrom(app);
  }

  /**
   * Recovers an application that is not running (from its newest usable checkpoint) and supervises
   * it; returns the exit status to end with.
   */
  public int restore() throws IOException, InterruptedException {
    log.log("recovering " + state + " by hand");
    try {
      return superviseFrom(recover(Long.MAX_VALUE));
    } catch (GiveUp e) {
      return giveUp(e);
    }
  }

  /**
   * Kills the application's process tree and makes the supervisor return {@link #TERMINATED}.
   * Returns false when supervision had already finished (nothing was done).
   */
  public boolean stop() {
    synchronized (lock) {
      if (finished) {
        return false;
      }
      stopping = true;
      if (current != null) {
        JavaProcessFinder.killTree(current.process().toHandle());
        log.log(
            "stopped by a signal: killed the application (pid "
                + current.appPid()
                + ") and its process tree; no recovery");
      } else {
        starter.abort(); // a restore may be under way: CRIU must not outlive the supervisor
        log.log("stopped by a signal; no recovery");
      }
      return true;
    }
  }

  private int superviseFrom(StartedApp first) throws IOException, InterruptedException {
    try {
      StartedApp app = first;
      while (true) {
        if (!track(app)) {
          return TERMINATED;
        }
        int status = exitWatch.await(app);
        synchronized (lock) {
          if (stopping) {
            return TERMINATED;
          }
        }
        Optional<Integer> ended = endStatus(app, status);
        if (ended.isPresent()) {
          log.log("the application ended by itself with exit status " + ended.get());
          return ended.get();
        }
        if (diverged(app, status)) {
          log.log(
              "the application diverged from its log during "
                  + (app.restored() ? "recovery " + app.recovery().number() : "its run")
                  + " (exit status 86): giving up, it would diverge again. The report is in "
                  + state.agentLog());
          return DIVERGED;
        }
        long olderThan = Long.MAX_VALUE;
        List<String> restoreErrors = restoreFailure(app, status);
        if (!restoreErrors.isEmpty()) {
          // The JVM was already there, but CRIU had not finished (e.g. it was killed meanwhile).
          long sequence = app.recovery().checkpoint().sequence();
          RestoreFailure failure = RestoreFailure.classify(status, restoreErrors);
          String why =
              "the restore of checkpoint "
                  + sequence
                  + " failed (criu exited with status "
                  + status
                  + "); "
                  + RestoreLog.of(app.recovery())
                  + CriuAppStarter.describe(restoreErrors);
          markFailed(app.recovery(), why);
          log.log(why);
          olderThan = afterFailure(app.recovery(), failure) ? sequence + 1 : sequence;
        } else {
          log.log(
              "the application (pid "
                  + app.appPid()
                  + ") died without finishing (no "
                  + state.endFile()
                  + "; "
                  + (app.restored() ? "criu" : "java")
                  + " exit status "
                  + status
                  + "): recovering");
        }
        try {
          app = recover(olderThan);
        } catch (GiveUp e) {
          return giveUp(e);
        }
      }
    } finally {
      synchronized (lock) {
        finished = true;
        current = null;
      }
    }
  }

  /** Records the running app; false (after killing it) when a stop came in meanwhile. */
  private boolean track(StartedApp app) throws IOException {
    synchronized (lock) {
      if (stopping) {
        JavaProcessFinder.killTree(app.process().toHandle());
        return false;
      }
      current = app;
    }
    if (app.appPid() > 0) {
      AtomicFiles.writeString(state.appPid(), app.appPid() + "\n");
    }
    return true;
  }

  /**
   * The application's own exit status when it ended by itself. After a restore CRIU's status says
   * nothing (CRIU 4.2.1 exits 0 however the restored process ended), so it is read from end.bin.
   */
  private Optional<Integer> endStatus(StartedApp app, int status) {
    if (!Files.exists(state.endFile())) {
      return Optional.empty();
    }
    if (!app.restored()) {
      return Optional.of(status);
    }
    try {
      return Optional.of(Recording.open(state.recording()).end().map(RunEnd::exitStatus).get());
    } catch (IOException | RuntimeException e) {
      log.log(
          "cannot read the exit status from "
              + state.endFile()
              + " ("
              + e.getMessage()
              + "); using criu's, "
              + status);
      return Optional.of(status);
    }
  }

  private boolean diverged(StartedApp app, int status) {
    if (app.restored()) {
      return status == DIVERGED || Files.exists(app.recovery().dir().resolve(StateDir.DIVERGED));
    }
    return status == DIVERGED;
  }

  /** The restore log's errors when a restored process ended because its restore failed. */
  private List<String> restoreFailure(StartedApp app, int status) {
    if (!app.restored() || status == 0 || RecoveryDirs.wentLive(app.recovery().dir())) {
      return List.of();
    }
    return starter.restoreErrors(app.recovery());
  }

  /**
   * Restores the newest usable checkpoint older than {@code olderThan}, skipping (and saying why)
   * those that cannot be used, and trying one again when its restore failed for a reason other than
   * damage.
   */
  private StartedApp recover(long olderThan) throws IOException, GiveUp {
    List<String> skipped = new ArrayList<>();
    for (CheckpointCandidate c : CheckpointCandidate.newestFirst(state.checkpoints())) {
      if (c.sequence() >= olderThan) {
        continue;
      }
      if (!c.usable()) {
        String why = "checkpoint " + c.sequence() + " skipped: " + c.problem();
        log.log(why);
        skipped.add(why);
        continue;
      }
      while (true) {
        checkMayRecover();
        PreparedRecovery prepared;
        try {
          prepared = preparation.prepare(c.checkpoint());
        } catch (RollbackRefusedException e) {
          String why = "checkpoint " + c.sequence() + " skipped: " + e.getMessage();
          log.log(why);
          skipped.add(why);
          break;
        } catch (LogDamagedException e) {
          throw new GiveUp(e.getMessage());
        }
        supersedeNewerThan(c.sequence(), prepared.number());
        CheckpointMetadata m = c.checkpoint().metadata();
        log.log(
            "recovery "
                + prepared.number()
                + ": restoring checkpoint "
                + c.sequence()
                + " (incarnation "
                + m.incarnation()
                + ", taken "
                + m.time()
                + "); the log to replay was saved from "
                + prepared.logSource()
                + " into "
                + prepared.savedThreads());
        try {
          StartedApp app = starter.restore(prepared);
          log.log("recovery " + prepared.number() + ": restored, pid " + app.appPid());
          return app;
        } catch (RestoreFailedException e) {
          String why = "checkpoint " + c.sequence() + " could not be restored: " + e.getMessage();
          markFailed(prepared, why);
          log.log(why);
          if (!afterFailure(prepared, e.failure())) {
            skipped.add(why);
            break;
          }
        }
      }
    }
    if (skipped.isEmpty()) {
      throw new GiveUp(
          olderThan == Long.MAX_VALUE
              ? "there is no checkpoint in "
                  + state.checkpoints()
                  + " (the application died before its first checkpoint): nothing to recover"
              : "there is no checkpoint older than " + olderThan + " left to try");
    }
    throw new GiveUp("no checkpoint could be restored:\n  " + String.join("\n  ", skipped));
  }

  /**
   * The log has just been rolled back to checkpoint {@code sequence}'s cut: a newer checkpoint (one
   * that failed to restore) now belongs to a timeline the application will not follow, and
   * restoring it later would pair its memory with a log that went another way. It is marked, with
   * the reason, so that nothing restores it again.
   */
  private void supersedeNewerThan(long sequence, int recovery) throws IOException {
    for (CheckpointCandidate newer : CheckpointCandidate.newestFirst(state.checkpoints())) {
      if (newer.sequence() > sequence && newer.usable()) {
        String why =
            "superseded: recovery "
                + recovery
                + " rolled the log back to the older checkpoint "
                + sequence
                + ", past this one's cut";
        CheckpointCandidate.markDamaged(newer.dir(), why);
        log.log("checkpoint " + newer.sequence() + " " + why);
      }
    }
  }

  /** Throws when recovering again would loop, or the supervisor was stopped. */
  private void checkMayRecover() throws IOException, GiveUp {
    int attempts = RecoveryDirs.attemptsSinceLive(state);
    if (attempts >= maxRecoveries) {
      throw new GiveUp(
          attempts
              + " recoveries in a row without the application going live (the limit is "
              + maxRecoveries
              + "); giving up rather than loop. See "
              + state.supervisorLog()
              + " and "
              + state.agentLog());
    }
    synchronized (lock) {
      if (stopping) {
        throw new GiveUp("stopped");
      }
    }
  }

  /**
   * Says what a failed restore leads to; true when the same checkpoint is to be tried again. A
   * damaged checkpoint is marked as such, so that later recoveries and {@code ftjvm status} skip it
   * with the reason.
   */
  private boolean afterFailure(PreparedRecovery prepared, RestoreFailure failure) {
    long sequence = prepared.checkpoint().sequence();
    if (retries.retry(sequence, failure)) {
      log.log(
          "checkpoint "
              + sequence
              + " is tried again: "
              + failure.reason()
              + (failure.kind() == RestoreFailure.Kind.TRANSIENT
                  ? " (retry "
                      + retries.transientFailures(sequence)
                      + " of "
                      + RestoreRetries.TRANSIENT_RETRIES
                      + ")"
                  : ""));
      return true;
    }
    if (failure.damaged()) {
      CheckpointCandidate.markDamaged(prepared.checkpoint().dir(), failure.reason());
      log.log(
          "checkpoint "
              + sequence
              + " is damaged, falling back to an older one: "
              + failure.reason());
    } else {
      log.log(
          "checkpoint "
              + sequence
              + " failed "
              + (RestoreRetries.TRANSIENT_RETRIES + 1)
              + " times, falling back to an older one: "
              + failure.reason());
    }
    return false;
  }

  private void markFailed(PreparedRecovery r, String why) {
    try {
      AtomicFiles.writeString(r.dir().resolve(StateDir.FAILED), why + "\n");
    } catch (IOException e) {
      log.log("cannot write " + r.dir().resolve(StateDir.FAILED) + ": " + e.getMessage());
    }
  }

  private int giveUp(GiveUp e) {
    synchronized (lock) {
      if (stopping) {
        return TERMINATED;
      }
    }
    log.log("giving up: " + e.getMessage());
    return GAVE_UP;
  }

  /** Recovery is impossible; the message says why. */
  private static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GiveUp(String message) {
      super(message);
    }
  }
}
