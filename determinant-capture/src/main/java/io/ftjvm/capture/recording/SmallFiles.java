package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes and reads the whole-file-checksummed small files (context.bin, end.bin). Writes go to a
 * temporary name, are forced, then renamed, so the file is either complete or absent after any
 * crash; the presence of end.bin is what marks a normal finish.
 */
final class SmallFiles {
  private SmallFiles() {}

  /** How often a write is tried again after interrupts closed its channel. */
  private static final int INTERRUPTED_ATTEMPTS = 8;

  /**
   * Writes {@code target} through a temporary file, on an application thread too: with its
   * interrupt flag cleared (and set again after), and again from the start when an interrupt from
   * another thread closes the channel meanwhile (end.bin is written by whichever thread ends the
   * program).
   */
  static void writeAtomically(Path target, int kind, byte[] body) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          write(target, kind, body);
          return;
        } catch (ClosedByInterruptException e) {
          interrupted |= Thread.interrupted();
          if (attempt == INTERRUPTED_ATTEMPTS) {
            throw e;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void write(Path target, int kind, byte[] body) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(FileHeader.build(kind, body));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.getParent());
  }

  /** Makes a rename durable. Linux allows fsync on a directory; elsewhere this is best effort. */
  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported on this platform: the data itself was forced already.
    }
  }

  /** Reads and validates a small file; returns a reader positioned on its body. */
  static BodyReader open(Path file, int kind) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      FileHeader.Parsed h = FileHeader.read(file, ch, size, kind, Format.MAX_SMALL_BODY);
      if (h.end() != size) {
        throw new RecordingFormatException(
            file,
            h.end(),
            (size - h.end()) + " unexpected bytes after the checksum (the file must end there)");
      }
      return new BodyReader(
          file, h.data, Format.HEADER_FIXED, Format.HEADER_FIXED + h.bodyLength, 0);
    }
  }
}
