package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
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
 */
final class StreamFile {
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

  private final Path path;
  private final FileChannel ch;
  private long allocatedEnd;

  private StreamFile(Path path, FileChannel ch, long allocatedEnd) {
    this.path = path;
    this.ch = ch;
    this.allocatedEnd = allocatedEnd;
  }

  /** Creates the file (it must not exist) and writes its header; returns the open file. */
  static StreamFile create(Path path, byte[] header) throws IOException {
    return uninterrupted(() -> open(path, header));
  }

  private static StreamFile open(Path path, byte[] header) throws IOException {
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer b = ByteBuffer.wrap(header);
      while (b.hasRemaining()) {
        ch.write(b, b.position());
      }
      return new StreamFile(path, ch, header.length);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  long allocatedEnd() {
    return allocatedEnd;
  }

  Path path() {
    return path;
  }

  /** Maps [offset, offset + size), allocating the file up to its end first. */
  MappedByteBuffer map(long offset, int size) throws IOException {
    return uninterrupted(
        () -> {
          allocate(offset + size);
          return ch.map(FileChannel.MapMode.READ_WRITE, offset, size);
        });
  }

  private void allocate(long end) throws IOException {
    while (allocatedEnd < end) {
      ByteBuffer z = ZEROS.duplicate();
      z.limit((int) Math.min(z.capacity(), end - allocatedEnd));
      allocatedEnd += ch.write(z, allocatedEnd);
    }
  }

  /** Cuts the preallocated zeros off (finish); the mapping stays valid but must not be used. */
  void truncate(long length) throws IOException {
    uninterrupted(() -> ch.truncate(length));
    allocatedEnd = Math.min(allocatedEnd, length);
  }

  /** Makes everything written so far, through the mapping too, durable (fdatasync). */
  void force() throws IOException {
    uninterrupted(
        () -> {
          ch.force(false);
          return null;
        });
  }

  private interface FileOp<T> {
    T run() throws IOException;
  }

  /**
   * Runs a file operation with the thread's interrupt flag cleared, and sets it again after. The
   * writing thread is an application thread, which may be interrupted when it logs an event (its
   * first, even: a thread interrupted before it got to run, then blocking in a Semaphore acquire);
   * a FileChannel operation on an interrupted thread closes the channel, which would end its
   * stream. The flag is the application's: it is left as it was.
   */
  private static <T> T uninterrupted(FileOp<T> op) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return op.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void close() throws IOException {
    ch.close();
  }
}
