package io.ftjvm.agent.ft;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.record.RecordSession;
import io.ftjvm.agent.wiring.AgentFileLog;
import io.ftjvm.agent.wiring.RunContexts;
import io.ftjvm.agent.wiring.StartRefused;
import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.ExitStatus;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.ProgramStart;
import io.ftjvm.capture.AgentThreads;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.checkpoint.CheckpointCoordinator;
import io.ftjvm.checkpoint.CriuCheckpointEngine;
import io.ftjvm.checkpoint.CriuInstallation;
import io.ftjvm.checkpoint.CriuLocator;
import io.ftjvm.checkpoint.CriuUnavailableException;
import io.ftjvm.checkpoint.ImageStore;
import io.ftjvm.checkpoint.ParticipantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fault-tolerance mode from start to end: the log is created in the state directory, the
 * application runs recorded with inputs and outputs committed, a first checkpoint is taken before
 * {@code main}, and more follow in the background. In a process restored from any of them the same
 * code carries on with recovery (see {@link LogCut#afterRestore}).
 */
public final class FtSession {
  private FtSession() {}

  /** Creates the state directory's log, refusing one that is in use. */
  public static RecordingWriter create(AgentConfig config) {
    try {
      Files.createDirectories(config.state);
    } catch (IOException e) {
      throw new StartRefused("cannot create the state directory " + config.state + ": " + e);
    }
    if (Files.exists(config.dir)) {
      throw new StartRefused(
          "the state directory "
              + config.state
              + " already holds a log: recover it with ./ftjvm restore "
              + config.state
              + ", or choose a new directory");
    }
    try {
      return RecordingWriter.create(config.dir, RunContexts.capture("ft"));
    } catch (IOException e) {
      throw new StartRefused("cannot create the log in " + config.dir + ": " + e.getMessage());
    }
  }

  public static void start(
      AgentConfig config, RecordingWriter log, AgentFileLog agentLog, Runnable install) {
    CriuCheckpointEngine engine = new CriuCheckpointEngine(criu(config));
    install.run();
    GroupCommit commit = new GroupCommit(log, config.groupCommit);
    FtRecordHandler live = new FtRecordHandler(log, commit);
    Hooks.install(live);
    ParticipantRegistry participants = new ParticipantRegistry();
    Recovery recovery = new Recovery(config, agentLog, log, live);
    participants.register(new LogCut(log, recovery, live));
    ImageStore store = new ImageStore(config.state.resolve("checkpoints"), config.keepCheckpoints);
    Checkpointer checkpointer =
        new Checkpointer(
            config,
            new CheckpointCoordinator(engine, store, participants, 0),
            log,
            agentLog,
            recovery::inProgress);
    Runtime.getRuntime()
        .addShutdownHook(AgentThreads.worker("ftjvm-ft-finish", () -> finish(log, agentLog)));
    try {
      Files.createDirectories(config.state.resolve("control"));
      // Before main: a process that dies at any later moment has a checkpoint to come back to.
      checkpointer.checkpoint("start");
    } catch (IOException e) {
      throw new StartRefused("fault-tolerance mode cannot take its first checkpoint: " + e);
    }
    checkpointer.startBackground();
    ProgramStart.holdUntilMainClass(AppThreads.adopt(RecordSession.MAIN_THREAD));
    agentLog.info("fault-tolerance mode: logging into " + config.dir);
  }

  /** The configured CRIU (trusted: ./ftjvm run checked it), or the one the locator finds. */
  private static CriuInstallation criu(AgentConfig config) {
    if (config.criu != null && config.libcriu != null) {
      return new CriuInstallation(config.criu, config.libcriu, "?", "configured", "");
    }
    String home = System.getProperty("ftjvm.home");
    try {
      return CriuLocator.of(home == null ? null : Path.of(home))
          .withConfigured(config.criu, config.libcriu)
          .locate();
    } catch (CriuUnavailableException e) {
      throw new StartRefused("fault-tolerance mode needs CRIU: " + e.getMessage());
    }
  }

  private static void finish(RecordingWriter log, AgentFileLog agentLog) {
    Hooks.deactivate();
    try {
      log.finish(ExitStatus.status());
      agentLog.info("application ended, exit status " + ExitStatus.status());
    } catch (Exception e) {
      agentLog.error("could not finish the log", e);
    }
  }
}
