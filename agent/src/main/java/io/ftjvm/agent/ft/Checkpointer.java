package io.ftjvm.agent.ft;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.wiring.AgentFileLog;
import io.ftjvm.capture.AgentThreads;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.checkpoint.CheckpointCoordinator;
import io.ftjvm.checkpoint.CheckpointException;
import io.ftjvm.checkpoint.CheckpointResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BooleanSupplier;

/**
 * Decides when to checkpoint: every {@code checkpointIntervalSeconds}, whenever the log grew by
 * {@code checkpointLogBytes}, and when {@code ftjvm checkpoint} drops a request file into {@code
 * <state>/control/} (answered with a {@code .done} file). One daemon thread does all of it.
 */
final class Checkpointer {
  private static final String REQUEST = ".request";

  private final AgentConfig config;
  private final CheckpointCoordinator coordinator;
  private final RecordingWriter log;
  private final AgentFileLog agentLog;
  private final Path control;
  private long lastAt = System.nanoTime();
  private long lastBytes;
  private final BooleanSupplier recovering;

  Checkpointer(
      AgentConfig config,
      CheckpointCoordinator coordinator,
      RecordingWriter log,
      AgentFileLog agentLog,
      BooleanSupplier recovering) {
    this.recovering = recovering;
    this.config = config;
    this.coordinator = coordinator;
    this.log = log;
    this.agentLog = agentLog;
    this.control = config.state.resolve("control");
  }

  /** Takes a checkpoint now; in a restored process this returns after recovery was installed. */
  synchronized CheckpointResult checkpoint(String why) throws CheckpointException {
    // Taken before the dump, so that they are in the image: a restored process counts its next
    // checkpoint from the one it was restored from, not from its restore (else, under frequent
    // crashes, no checkpoint would ever follow the first and every recovery would replay more).
    lastAt = System.nanoTime();
    lastBytes = log.approximateBytes();
    CheckpointResult result = coordinator.checkpoint();
    if (result.isOriginal()) {
      lastAt = System.nanoTime();
      agentLog.info(
          "checkpoint ("
              + why
              + ") into "
              + result.imageDir()
              + ": dump paused the process "
              + result.dumpDuration().toMillis()
              + " ms, image "
              + result.imageSizeBytes() / (1 << 20)
              + " MiB");
      collectLog();
    }
    return result;
  }

  /** Frees the log no kept checkpoint needs any more (LogCollector); a failure only costs space. */
  private void collectLog() {
    try {
      LogCollector.Result r =
          LogCollector.collect(log.dir().resolve("threads"), coordinator.store().checkpoints());
      if (r.streams() > 0) {
        agentLog.info(
            "log garbage collection: freed "
                + r.bytesFreed() / 1024
                + " KiB in "
                + r.streams()
                + " streams before the oldest kept checkpoint's cut");
      }
    } catch (IOException | RuntimeException e) {
      agentLog.error("log garbage collection failed; the log keeps its old part", e);
    }
  }

  void startBackground() {
    AgentThreads.daemon("ftjvm-checkpointer", this::loop).start();
  }

  private void loop() {
    while (true) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      if (recovering.getAsBoolean()) {
        // Not while the log's tail is being replayed: that state is not one to come back to.
        // Requests wait until the process is live.
        continue;
      }
      try {
        answerRequests();
        String reason = dueReason();
        if (reason != null) {
          checkpoint(reason);
        }
      } catch (CheckpointException | RuntimeException e) {
        agentLog.error("checkpoint failed; the previous one stays the newest", e);
        lastAt = System.nanoTime(); // not again at once
      }
    }
  }

  /** Why a checkpoint is due now, or null when none is. */
  private String dueReason() {
    if (config.checkpointLogBytes > 0
        && log.approximateBytes() - lastBytes >= config.checkpointLogBytes) {
      return "the log grew by " + config.checkpointLogBytes + " bytes";
    }
    long intervalNanos = config.checkpointIntervalSeconds * 1_000_000_000L;
    if (intervalNanos > 0 && System.nanoTime() - lastAt >= intervalNanos) {
      return "every " + config.checkpointIntervalSeconds + " s";
    }
    return null;
  }

  private void answerRequests() {
    if (!Files.isDirectory(control)) {
      return;
    }
    try (DirectoryStream<Path> requests = Files.newDirectoryStream(control, "*" + REQUEST)) {
      for (Path request : requests) {
        String name = request.getFileName().toString();
        String nonce = name.substring(0, name.length() - REQUEST.length());
        Files.deleteIfExists(request);
        String answer;
        try {
          CheckpointResult r = checkpoint("requested");
          answer =
              r.isOriginal()
                  ? "ok sequence="
                      + io.ftjvm.checkpoint.ImageStore.sequenceOf(r.imageDir())
                      + " pause_ms="
                      + r.dumpDuration().toMillis()
                      + " image_bytes="
                      + r.imageSizeBytes()
                  : null; // a restored process: the original already answered
        } catch (CheckpointException | RuntimeException e) {
          answer = "failed " + e.getMessage().replace('\n', ' ');
        }
        if (answer != null) {
          Path tmp = control.resolve(nonce + ".done.tmp");
          Files.writeString(tmp, answer + "\n", StandardCharsets.UTF_8);
          Files.move(tmp, control.resolve(nonce + ".done"), StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      agentLog.error("cannot read checkpoint requests in " + control, e);
    }
  }
}
