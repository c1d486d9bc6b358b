package io.ftjvm.capture.recording;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file behind one thread stream: created with its header, then mapped window by window.
 *
 * <p>Space is allocated with real writes of zeros before it is mapped. A sparse file would be
 * cheaper, but then a full disk would surface as SIGBUS on a store into the mapping (an
 * InternalError in an application thread); with preallocation it is an IOException in the writer's
 * slow path. It also guarantees that the file beyond the data is zero, which the crash-recovery
 * rule depends on.
 *
 * <p>Streams are written by application threads, and an interrupted thread's operation on a
 * FileChannel closes the channel, which would lose the stream for every later event. So every
 * channel operation runs with the calling thread's interrupt flag cleared (and set again after),
 * and when an interrupt from another thread lands during the operation anyway, the file is opened
 * again and the operation repeated (each one is idempotent: positional writes, map, truncate,
 * force). Mappings made through a closed channel stay valid. The zeros that allocate space, the
 * longest of these operations, are written through a {@link RandomAccessFile} instead, whose writes
 * an interrupt does not stop: a thread interrupted many times a second still gets its windows. A
 * sync is long too (milliseconds on a busy disk, where interrupts every hundred microseconds would
 * close the channel on every try), so once an interrupt has stopped one, it is finished through a
 * RandomAccessFile's descriptor as well.
 */
final class StreamFile {
  private static final byte[] ZEROS = new byte[64 * 1024];

  /**
   * How often one operation is tried while interrupts keep closing the channel before the error is
   * let through (a thread interrupted in a tight loop; allocation keeps the progress it made).
   */
  private static final int INTERRUPTED_ATTEMPTS = 64;

  private final Path path;
  // Replaced when an interrupt closed it; other threads force it (checkpoints, forceChanged).
  private volatile FileChannel ch;
  private volatile boolean closed;
  private long allocatedEnd;

  private StreamFile(Path path, FileChannel ch, long allocatedEnd) {
    this.path = path;
    this.ch = ch;
    this.allocatedEnd = allocatedEnd;
  }

  /**
   * Creates the file (it must not exist) and writes its header; returns the open file. If the
   * header cannot be written the file is removed again, so the stream can be opened later.
   */
  static StreamFile create(Path path, byte[] header) throws IOException {
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    StreamFile file = new StreamFile(path, ch, 0);
    try {
      file.uninterrupted(
          c -> {
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining()) {
              c.write(b, b.position());
            }
            return null;
          });
    } catch (IOException | RuntimeException e) {
      try {
        file.close();
        Files.deleteIfExists(path);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    file.allocatedEnd = header.length;
    return file;
  }

  long allocatedEnd() {
    return allocatedEnd;
  }

  Path path() {
    return path;
  }

  /** Maps [offset, offset + size), allocating the file up to its end first. */
  MappedByteBuffer map(long offset, int size) throws IOException {
    allocate(offset + size);
    return uninterrupted(c -> c.map(FileChannel.MapMode.READ_WRITE, offset, size));
  }

  private void allocate(long end) throws IOException {
    if (allocatedEnd >= end) {
      return;
    }
    // Opened for each window (a megabyte of zeros by default), so that a stream holds one
    // descriptor, not two, between windows (thousands of threads, and CRIU's images).
    try (RandomAccessFile filler = new RandomAccessFile(path.toFile(), "rw")) {
      filler.seek(allocatedEnd);
      while (allocatedEnd < end) {
        int n = (int) Math.min(ZEROS.length, end - allocatedEnd);
        filler.write(ZEROS, 0, n);
        allocatedEnd += n;
      }
    }
  }

  /** Cuts the preallocated zeros off (finish); the mapping stays valid but must not be used. */
  void truncate(long length) throws IOException {
    uninterrupted(c -> c.truncate(length));
    allocatedEnd = Math.min(allocatedEnd, length);
  }

  /** Makes everything written so far, through the mapping too, durable (fdatasync). */
  void force() throws IOException {
    uninterrupted(
        c -> {
          c.force(false);
          return null;
        },
        this::syncThroughADescriptorNoInterruptCloses);
  }

  /**
   * fsync, where the channel does fdatasync: it also writes the file's times, a little slower, so
   * only after an interrupt stopped the channel's sync. Dirty pages of the mapping belong to the
   * file, not to a descriptor, so any descriptor's sync writes them.
   */
  private Void syncThroughADescriptorNoInterruptCloses() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.getFD().sync();
    }
    return null;
  }

  private interface ChannelOperation<T> {
    T run(FileChannel channel) throws IOException;
  }

  /** The same operation without a channel, which no interrupt can stop. */
  private interface LastResort<T> {
    T run() throws IOException;
  }

  private <T> T uninterrupted(ChannelOperation<T> operation) throws IOException {
    return uninterrupted(operation, null);
  }

  /**
   * Runs the operation with this thread's interrupt flag clear, on a channel opened again whenever
   * an interrupt closed it; after the first such interrupt, runs the last resort instead if there
   * is one. The interrupts seen belong to the application: the flag is set again at the end.
   */
  private <T> T uninterrupted(ChannelOperation<T> operation, LastResort<T> lastResort)
      throws IOException {
    boolean interrupted = false;
    try {
      for (int attempt = 1; ; attempt++) {
        FileChannel used = ch;
        // Cleared right before each try: an interrupt that landed while the channel was opened
        // again would otherwise close it as the try begins.
        interrupted |= Thread.interrupted();
        try {
          return operation.run(used);
        } catch (ClosedChannelException e) {
          // An interrupt closed the channel: this thread's, from another thread during the
          // operation (the flag was clear when it began), or that of a thread forcing every
          // stream.
          if (closed || (attempt == INTERRUPTED_ATTEMPTS && lastResort == null)) {
            throw e;
          }
          reopen(used);
          if (lastResort != null) {
            return lastResort.run();
          }
        }
      }
    } finally {
      interrupted |= Thread.interrupted();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized void reopen(FileChannel failed) throws IOException {
    if (ch == failed && !closed) {
      ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
  }

  synchronized void close() throws IOException {
    closed = true;
    ch.close();
  }
}
