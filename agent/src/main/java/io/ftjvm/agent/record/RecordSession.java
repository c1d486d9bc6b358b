package io.ftjvm.agent.record;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.wiring.AgentFileLog;
import io.ftjvm.agent.wiring.RunContexts;
import io.ftjvm.agent.wiring.StartRefused;
import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.ExitStatus;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.ProgramStart;
import io.ftjvm.capture.AgentThreads;
import io.ftjvm.capture.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Record mode from start to end: the recording is created, filled, and finished at exit. */
public final class RecordSession {
  /** The main thread's logical id; every other id descends from it. */
  public static final String MAIN_THREAD = "1";

  private RecordSession() {}

  /** Creates the recording, refusing a directory that already holds something. */
  public static RecordingWriter create(AgentConfig config) {
    Path dir = config.dir;
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new StartRefused("cannot record into " + dir + ": it is a file, not a directory");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new StartRefused(
              "cannot record into "
                  + dir
                  + ": the directory is not empty (choose a new one, or delete it first)");
        }
      } catch (IOException e) {
        throw new StartRefused(
            "cannot read the recording directory " + dir + ": " + e.getMessage());
      }
    }
    try {
      return RecordingWriter.create(dir, RunContexts.capture("record"));
    } catch (IOException e) {
      throw new StartRefused("cannot create the recording in " + dir + ": " + e.getMessage());
    }
  }

  public static void start(
      RecordingWriter writer, AgentFileLog log, Runnable installInstrumentation) {
    installInstrumentation.run();
    Hooks.install(new RecordHandler(writer));
    Thread finisher = AgentThreads.worker("ftjvm-record-finish", () -> finish(writer, log));
    Runtime.getRuntime().addShutdownHook(finisher);
    ProgramStart.holdUntilMainClass(AppThreads.adopt(MAIN_THREAD));
    log.info("recording started");
  }

  private static void finish(RecordingWriter writer, AgentFileLog log) {
    Hooks.deactivate();
    try {
      writer.finish(ExitStatus.status());
      log.info("recording finished, exit status " + ExitStatus.status());
    } catch (Exception e) {
      log.error("could not finish the recording", e);
    }
  }
}
