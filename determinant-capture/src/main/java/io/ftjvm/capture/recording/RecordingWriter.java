package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes one recording directory: {@code context.bin} at creation, one {@code threads/<id>.det} per
 * logical thread, {@code end.bin} at a normal finish. Thread-safe; the per-thread {@link
 * ThreadStreamWriter}s are single-threaded and lock-free.
 */
public final class RecordingWriter {
  private final Path dir;
  private final WriterConfig config;
  private final Map<String, ThreadStreamWriter> streams = new LinkedHashMap<>();
  private boolean finished;

  /** True between holdForCheckpoint() and release(): no record is written, no stream opened. */
  private boolean held;

  private List<StreamCut> heldCut = List.of();
  private List<ChannelCut> heldChannels = List.of();

  private RecordingWriter(Path dir, WriterConfig config) {
    this.dir = dir;
    this.config = config;
  }

  public static RecordingWriter create(Path dir, RunContext ctx) throws IOException {
    return create(dir, ctx, WriterConfig.defaults());
  }

  /**
   * Creates {@code dir} (or uses it if it exists and is empty) and writes context.bin. A non-empty
   * directory is refused: recordings are never overwritten or merged.
   */
  public static RecordingWriter create(Path dir, RunContext ctx, WriterConfig config)
      throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new NotDirectoryException(
            dir + " (the recording directory exists and is not a directory)");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new FileAlreadyExistsException(
              dir.toString(),
              null,
              "refusing to record into a non-empty directory; choose a new directory");
        }
      }
    }
    Files.createDirectories(dir);
    // createDirectory (not ...ies) fails if another recorder claimed the directory meanwhile.
    Files.createDirectory(dir.resolve(Format.THREADS_DIR));
    ContextFile.write(dir, ctx);
    return new RecordingWriter(dir, config);
  }

  public Path dir() {
    return dir;
  }

  public WriterConfig config() {
    return config;
  }

  /**
   * Opens the stream of one logical thread. After {@link #finish(int)} it returns a closed writer
   * that drops its events, so threads started during shutdown do not fail.
   *
   * @throws IllegalArgumentException for an invalid id
   * @throws IllegalStateException if the id was opened before
   */
  public synchronized ThreadStreamWriter openThread(String logicalThreadId) throws IOException {
    ThreadIds.requireValid(logicalThreadId);
    if (finished) {
      return ThreadStreamWriter.closed(logicalThreadId);
    }
    // A checkpoint is being taken; a new file now would not be in its cut. The wait does not end
    // on an interrupt: the application thread's event must still be recorded (the interrupt is
    // set again after).
    boolean interrupted = false;
    while (held) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (finished) {
      return ThreadStreamWriter.closed(logicalThreadId);
    }
    if (streams.containsKey(logicalThreadId)) {
      throw new IllegalStateException(
          "thread stream " + logicalThreadId + " is already open in " + dir);
    }
    byte[] id = logicalThreadId.getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[4 + id.length];
    int b = config.blockSize();
    body[0] = (byte) (b >>> 24);
    body[1] = (byte) (b >>> 16);
    body[2] = (byte) (b >>> 8);
    body[3] = (byte) b;
    System.arraycopy(id, 0, body, 4, id.length);
    byte[] header = FileHeader.build(Format.KIND_STREAM, body);
    Path file = dir.resolve(Format.THREADS_DIR).resolve(logicalThreadId + Format.STREAM_SUFFIX);
    ThreadStreamWriter w =
        new ThreadStreamWriter(
            logicalThreadId, StreamFile.create(file, header), header.length, config);
    streams.put(logicalThreadId, w);
    return w;
  }

  /**
   * Seals every stream's current block and forces the files to disk, without ending the recording
   * (for checkpoints). Writers that try to record meanwhile wait (about one grace period). Streams
   * whose writer stays inside a record past the timeout are left as they are and reported in the
   * exception. After {@link #finish(int)} it does nothing (finish sealed everything), so a
   * checkpoint racing with shutdown is harmless.
   */
  public synchronized void sealAll() throws IOException {
    if (finished) {
      return;
    }
    List<ThreadStreamWriter> all = new ArrayList<>(streams.values());
    List<ThreadStreamWriter> stuck = Quiescence.await(all, ThreadStreamWriter.HOLD, config);
    try {
      for (ThreadStreamWriter w : all) {
        if (!stuck.contains(w)) {
          w.sealQuiesced();
        }
      }
    } finally {
      for (ThreadStreamWriter w : all) {
        w.setControl(ThreadStreamWriter.RUN);
      }
    }
    // Forcing after the release keeps the application's pause short; it flushes the seals too.
    for (ThreadStreamWriter w : all) {
      w.force();
    }
    if (!stuck.isEmpty()) {
      throw new IOException(
          "sealAll: "
              + describe(stuck)
              + " in "
              + dir
              + " stayed inside a record for "
              + config.quiesceTimeout()
              + " and could not be sealed");
    }
  }

  /**
   * Stops every stream for a checkpoint: waits until no writer is inside a record, seals and forces
   * every stream, and keeps them stopped (writers that try to record wait, new streams wait) until
   * {@link #release()}. Returns where each stream stands: the log does not move until release, so
   * the cut is exact for a checkpoint taken meanwhile.
   *
   * @throws IOException when a writer stayed inside a record past the timeout (nothing is held
   *     then), or a stream could not be forced
   */
  public synchronized List<StreamCut> holdForCheckpoint() throws IOException {
    if (finished) {
      throw new IOException("the recording " + dir + " is finished: no checkpoint of it");
    }
    if (held) {
      throw new IllegalStateException("the recording " + dir + " is already held");
    }
    List<ThreadStreamWriter> all = new ArrayList<>(streams.values());
    List<ThreadStreamWriter> stuck = Quiescence.await(all, ThreadStreamWriter.HOLD, config);
    if (!stuck.isEmpty()) {
      for (ThreadStreamWriter w : all) {
        w.setControl(ThreadStreamWriter.RUN);
      }
      throw new IOException(
          "checkpoint: "
              + describe(stuck)
              + " in "
              + dir
              + " stayed inside a record for "
              + config.quiesceTimeout());
    }
    held = true;
    List<StreamCut> cut = new ArrayList<>();
    try {
      for (ThreadStreamWriter w : all) {
        w.sealQuiesced();
        w.force();
        cut.add(
            new StreamCut(
                w.threadId(), w.eventCount(), w.committedEnd(), w.fileLength(), w.decoderState()));
      }
      heldCut = List.copyOf(cut);
      heldChannels = channelCut(all);
    } catch (IOException | RuntimeException e) {
      release();
      throw e;
    }
    return cut;
  }

  /**
   * The cut the last {@link #holdForCheckpoint()} returned. In a process restored from that
   * checkpoint it is where each restored stream stands (the process's memory is the checkpoint's),
   * so recovery reads the crash's log from there on.
   */
  public synchronized List<StreamCut> heldCut() {
    return heldCut;
  }

  /**
   * Per channel, the bytes read and written before the cut of the last {@link
   * #holdForCheckpoint()}, summed over the threads that used it.
   */
  public synchronized List<ChannelCut> heldChannels() {
    return heldChannels;
  }

  private static List<ChannelCut> channelCut(List<ThreadStreamWriter> quiesced) {
    TreeMap<Integer, long[]> sum = new TreeMap<>();
    for (ThreadStreamWriter w : quiesced) {
      w.channelBytesQuiesced()
          .forEach(
              (channel, bytes) -> {
                long[] total = sum.computeIfAbsent(channel, c -> new long[2]);
                total[0] += bytes[0];
                total[1] += bytes[1];
              });
    }
    List<ChannelCut> out = new ArrayList<>();
    sum.forEach((channel, b) -> out.add(new ChannelCut(channel, b[0], b[1])));
    return List.copyOf(out);
  }

  /** Lets the writers held by {@link #holdForCheckpoint()} record again. */
  public synchronized void release() {
    held = false;
    for (ThreadStreamWriter w : streams.values()) {
      w.setControl(ThreadStreamWriter.RUN);
    }
    notifyAll();
  }

  /**
   * Forces (fdatasync) every stream that grew since this method last forced it: what was recorded
   * before the call is on disk when it returns. Safe to call from any thread, concurrently with the
   * writers.
   */
  public void forceChanged() throws IOException {
    List<ThreadStreamWriter> all;
    synchronized (this) {
      if (finished) {
        return; // finish() forced everything
      }
      all = new ArrayList<>(streams.values());
    }
    try {
      for (ThreadStreamWriter w : all) {
        long end = w.approximateEnd();
        if (end != w.forcedEnd) {
          w.force();
          w.forcedEnd = end;
        }
      }
    } catch (java.nio.channels.ClosedChannelException e) {
      synchronized (this) {
        if (finished) {
          return; // finish() closed the files after forcing them
        }
      }
      throw e;
    }
  }

  /** Determinants in a thread's stream so far (0 if it has none); exact on that thread. */
  public synchronized long eventCount(String threadId) {
    ThreadStreamWriter w = streams.get(threadId);
    return w == null ? 0 : w.eventCount();
  }

  /** The recording's size on disk, approximately (for checkpoint-by-size decisions). */
  public synchronized long approximateBytes() {
    long total = 0;
    for (ThreadStreamWriter w : streams.values()) {
      total += w.approximateEnd();
    }
    return total;
  }

  /**
   * Ends the recording: stops every stream (later events are dropped), seals it, truncates it to
   * its real length, forces it, then writes end.bin (exit status, end time, per-thread event
   * counts). end.bin is written last, so its presence means all of the above is on disk.
   */
  public synchronized void finish(int exitStatus) throws IOException {
    if (finished) {
      throw new IllegalStateException("recording " + dir + " is already finished");
    }
    finished = true;
    List<ThreadStreamWriter> all = new ArrayList<>(streams.values());
    List<ThreadStreamWriter> stuck = Quiescence.await(all, ThreadStreamWriter.CLOSED, config);
    Map<String, RunEnd.StreamSummary> summaries = new TreeMap<>(ThreadIds.ORDER);
    IOException error = null;
    for (ThreadStreamWriter w : all) {
      boolean sealed = !stuck.contains(w);
      if (sealed) {
        try {
          w.closeQuiesced();
        } catch (IOException e) {
          sealed = false;
          error = chain(error, e);
        }
      }
      summaries.put(
          w.threadId(),
          new RunEnd.StreamSummary(w.eventCount(), sealed ? w.committedEnd() : 0, sealed));
    }
    EndFile.write(dir, new RunEnd(exitStatus, System.currentTimeMillis(), summaries));
    if (!stuck.isEmpty()) {
      error =
          chain(
              error,
              new IOException(
                  "finish: "
                      + describe(stuck)
                      + " in "
                      + dir
                      + " stayed inside a record for "
                      + config.quiesceTimeout()
                      + "; left unsealed (readers treat them like a crashed writer's streams)"));
    }
    if (error != null) {
      throw error;
    }
  }

  public synchronized boolean isFinished() {
    return finished;
  }

  private static IOException chain(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static String describe(List<ThreadStreamWriter> ws) {
    return "thread streams "
        + ws.stream().map(ThreadStreamWriter::threadId).collect(Collectors.joining(", "));
  }
}
