package io.ftjvm.agent.ft;

import io.ftjvm.agent.record.RecordHandler;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of the log a restored process has to replay: for each logical thread, the determinants
 * of the log the crash left beyond what the restored process's own log holds.
 *
 * <p>A thread's position is its restored writer's event count, which grows as the tail is written
 * again; so the tail of a thread is done when its writer has as many events as the crash left. Once
 * every thread is done the process goes live ({@link #awaitLive()} returns for everyone).
 */
final class RecoveryTail {
  private final RecordHandler recorder;
  private final RecordingWriter log;
  private final ReplaySession saved;
  private final Map<String, Long> totals;
  private final Map<Integer, Long> lockTurns;
  private final Set<String> unfinished = ConcurrentHashMap.newKeySet();
  private final Map<String, ThreadCursor> cursors = new ConcurrentHashMap<>();
  private final Runnable goLive;
  private volatile boolean live;

  private RecoveryTail(
      RecordHandler recorder,
      RecordingWriter log,
      ReplaySession saved,
      Map<String, Long> totals,
      Map<Integer, Long> lockTurns,
      Runnable goLive) {
    this.lockTurns = lockTurns;
    this.recorder = recorder;
    this.log = log;
    this.saved = saved;
    this.totals = totals;
    this.goLive = goLive;
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      if (log.eventCount(e.getKey()) < e.getValue()) {
        unfinished.add(e.getKey());
      }
    }
  }

  /**
   * Opens the log the crash left (saved by the supervisor into {@code savedDir/threads}).
   *
   * @throws IOException when it is damaged (the message names the file and offset)
   */
  static RecoveryTail open(
      Path savedDir, RecordHandler recorder, RecordingWriter log, Runnable goLive)
      throws IOException {
    Path context = savedDir.resolve("context.bin");
    if (!Files.exists(context)) {
      Files.copy(log.dir().resolve("context.bin"), context, StandardCopyOption.REPLACE_EXISTING);
    }
    Recording recording = Recording.open(savedDir);
    // Each restored stream stands at the checkpoint's cut (this process's memory is the
    // checkpoint's): the crash's log is read from there, never from its start, which may have been
    // garbage collected. Ids, lock turns and channels from before the cut are in the restored
    // memory already, so the tail alone tells what to reserve.
    Map<String, StreamCut> starts = new HashMap<>();
    for (StreamCut c : log.heldCut()) {
      starts.put(c.threadId(), c);
    }
    Map<String, Long> totals = new HashMap<>();
    Map<Integer, Long> lockTurns = new HashMap<>();
    int maxChannel = 0;
    int maxLock = 0;
    for (String id : recording.threadIds()) {
      StreamCut start = starts.get(id);
      try (ThreadStreamReader r =
          start == null ? recording.stream(id) : recording.streamFrom(start)) {
        while (r.hasNext()) {
          Determinant d = r.next();
          if (d.type().isLockTurn()) {
            lockTurns.merge(d.channel(), d.value() + 1, Math::max);
            maxLock = Math.max(maxLock, d.channel());
          } else if (d.type().hasChannel() && d.type() != EventType.LOCK_TRY_FAILED) {
            maxChannel = Math.max(maxChannel, d.channel());
          }
        }
        totals.put(id, r.position());
      }
    }
    // Whatever a thread opens live gets an id no replayed socket or lock can also get.
    recorder.channels().reserveUpTo(maxChannel);
    recorder.locks().idsAfter(maxLock);
    return new RecoveryTail(
        recorder, log, new ReplaySession(recording, starts), totals, Map.copyOf(lockTurns), goLive);
  }

  Path savedDir() {
    return saved.recording().dir();
  }

  ReplaySession session() {
    return saved;
  }

  boolean isLive() {
    return live;
  }

  /** Determinants left to replay, over all threads (for the log). */
  long remainingEvents() {
    long left = 0;
    for (String id : unfinished) {
      left += Math.max(0, totals.get(id) - log.eventCount(id));
    }
    return left;
  }

  /** Whether the thread still has logged events to replay; marks it done when it has none. */
  boolean hasTail(ThreadState thread) {
    if (live) {
      return false;
    }
    Long total = totals.get(thread.logicalId());
    if (total != null && written(thread) < total) {
      return true;
    }
    done(thread.logicalId());
    return false;
  }

  /** The thread's cursor in the crash's log, at the first event its restored log lacks. */
  ThreadCursor cursor(ThreadState thread) {
    ThreadCursor cursor =
        cursors.computeIfAbsent(
            thread.logicalId(),
            id -> {
              ThreadCursor c = saved.cursor(id);
              c.onConsumed(d -> rewrite(thread, d));
              return c;
            });
    cursor.skipTo(written(thread));
    return cursor;
  }

  /** The replayed determinant goes into the restored log, exactly as it was. */
  private void rewrite(ThreadState thread, Determinant d) {
    recorder.stream(thread).write(d);
  }

  /** Lock id to the number of acquisitions of it the crash's log holds. */
  Map<Integer, Long> lockTurns() {
    return lockTurns;
  }

  private static long written(ThreadState thread) {
    Object stream = thread.stream;
    return stream instanceof ThreadStreamWriter ? ((ThreadStreamWriter) stream).eventCount() : 0;
  }

  /** Checks threads that have not come back to an event since their tail was written. */
  void checkAll() {
    for (String id : unfinished) {
      if (log.eventCount(id) >= totals.get(id)) {
        done(id);
      }
    }
    if (unfinished.isEmpty()) {
      becomeLive();
    }
  }

  private void done(String id) {
    if (unfinished.remove(id) && unfinished.isEmpty()) {
      becomeLive();
    }
  }

  private void becomeLive() {
    synchronized (this) {
      if (live) {
        return;
      }
      goLive.run();
      live = true;
      notifyAll();
    }
  }

  /** Waits until every thread has replayed its tail. */
  void awaitLive() {
    boolean interrupted = false;
    synchronized (this) {
      while (!live) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the application's interrupt: kept for it
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits a little for going live (a thread that must not block while holding a lock). */
  void awaitLiveBriefly() {
    synchronized (this) {
      if (!live) {
        try {
          wait(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Threads still replaying, for a stall report. */
  Set<String> unfinishedThreads() {
    return Set.copyOf(unfinished);
  }
}
