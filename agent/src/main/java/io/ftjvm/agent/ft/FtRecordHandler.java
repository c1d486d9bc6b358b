package io.ftjvm.agent.ft;

import io.ftjvm.agent.record.RecordHandler;
import io.ftjvm.bootstrap.IoCall;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.recording.RecordingWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault-tolerance mode while live: records like record mode, and in addition input is on disk
 * before the application sees it (pessimistic receiver-based logging) and output leaves only once
 * everything logged before it is on disk (output commit).
 */
final class FtRecordHandler extends RecordHandler {
  private final GroupCommit commit;

  /**
   * Accepts under way, by thread. A checkpoint can catch a thread blocked in accept; after a
   * restore the recovery needs to know which listener it waits on (see Recovery#unblockAccepts).
   */
  private final Map<ThreadState, IoCall> acceptsUnderWay = new ConcurrentHashMap<>();

  FtRecordHandler(RecordingWriter writer, GroupCommit commit) {
    super(writer);
    this.commit = commit;
  }

  @Override
  public IoCall beforeIo(ThreadState thread, IoCall call) {
    if (call.op == IoCall.WRITE) {
      commit.awaitDurable(); // output commit: what the output depends on is stable first
    } else if (call.op == IoCall.ACCEPT) {
      acceptsUnderWay.put(thread, call);
    }
    return super.beforeIo(thread, call);
  }

  @Override
  public void afterIo(ThreadState thread, IoCall call) {
    if (call.op == IoCall.ACCEPT) {
      acceptsUnderWay.remove(thread);
    }
    super.afterIo(thread, call);
    if (call.op == IoCall.READ && call.thrown == null && call.result > 0) {
      commit.awaitDurable(); // the input is stable before the application sees it
    }
  }

  @Override
  public boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length) {
    super.consoleWrite(thread, bytes, offset, length);
    commit.awaitDurable(); // stdout is output to the outside world too
    return false;
  }

  /** Threads blocked in accept right now (at a checkpoint: when it was taken), and their calls. */
  Map<ThreadState, IoCall> acceptsUnderWay() {
    return Map.copyOf(acceptsUnderWay);
  }
}
