package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.CollectedPrefix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Copies the first bytes of a thread stream, leaving out a garbage-collected range ({@link
 * CollectedPrefix}): the header and the mark are copied, the freed range is not written (it stays a
 * hole in a new file), and the rest is copied at the same offsets. A plain copy would write the
 * freed range back as zeros, and every recovery's saved log would take the whole log's space again.
 */
final class StreamCopy {
  private static final int CHUNK = 256 * 1024;

  private StreamCopy() {}

  /** Copies {@code from}'s bytes {@code [0, length)} into {@code out} at the same offsets. */
  static void copy(Path from, FileChannel out, long length) throws IOException {
    Optional<CollectedPrefix.Mark> mark;
    try {
      mark = CollectedPrefix.read(from);
    } catch (IOException e) {
      mark = Optional.empty(); // a damaged header: copied as it is, the reader will say what
    }
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
      if (mark.isEmpty() || mark.get().horizon() >= length) {
        range(from, in, out, 0, length);
        return;
      }
      range(from, in, out, 0, mark.get().end());
      range(from, in, out, mark.get().horizon(), length);
    }
  }

  /** Copies the whole file (the length it has now). */
  static void copyWhole(Path from, Path to) throws IOException {
    long length;
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
      length = in.size();
    }
    try (FileChannel out =
        FileChannel.open(
            to,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      copy(from, out, length);
      if (out.size() < length) {
        out.write(ByteBuffer.allocate(1), length - 1); // only when the file ended in a hole
      }
      out.force(true);
    }
  }

  /**
   * Positional reads and writes: a write beyond the end of {@code out} leaves a hole before it
   * ({@code transferFrom} would instead copy nothing past the target's current size).
   */
  private static void range(Path from, FileChannel in, FileChannel out, long start, long end)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long done = start;
    while (done < end) {
      buf.clear().limit((int) Math.min(CHUNK, end - done));
      int n = in.read(buf, done);
      if (n <= 0) {
        throw new IOException(
            "copying " + from + " stopped at byte " + done + " of " + end + " (file shrank?)");
      }
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf, done + buf.position());
      }
      done += n;
    }
  }
}
