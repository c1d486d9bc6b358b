package io.ftjvm.agent.ft;

import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.capture.recording.ChannelCut;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.checkpoint.CheckpointContext;
import io.ftjvm.checkpoint.CheckpointParticipant;

/**
 * The log's part in a checkpoint: it stops moving for the dump (so the cut is exact), and the cut
 * goes into the checkpoint's metadata, where the supervisor finds how to roll the log back before a
 * restore. In a restored process, recovery is installed before the threads may record again.
 */
final class LogCut implements CheckpointParticipant {
  private final RecordingWriter log;
  private final Recovery recovery;
  private final EventHandler live;
  private HandlerGate gate;

  LogCut(RecordingWriter log, Recovery recovery, EventHandler live) {
    this.log = log;
    this.recovery = recovery;
    this.live = live;
  }

  @Override
  public String name() {
    return "determinant log";
  }

  @Override
  public void beforeCheckpoint(CheckpointContext context) throws Exception {
    gate = HandlerGate.close();
    try {
      for (StreamCut c : log.holdForCheckpoint()) {
        c.entries().forEach(context::recordCut);
      }
      for (ChannelCut c : log.heldChannels()) {
        c.entries().forEach(context::recordCut);
      }
    } catch (Exception | Error e) {
      log.release();
      gate.open(live);
      throw e;
    }
  }

  @Override
  public void afterCheckpoint(CheckpointContext context, boolean completed) {
    log.release();
    gate.open(live);
  }

  @Override
  public void afterRestore(CheckpointContext context) {
    try {
      recovery.begin(context.sequence(), gate::open);
    } finally {
      log.release();
    }
  }
}
