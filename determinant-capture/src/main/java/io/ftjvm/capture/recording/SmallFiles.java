package io.ftjvm.capture.recording;

import java.io.FileOutputStream;
import java.io.IOException;
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

  /**
   * Writes {@code target} through a temporary file. end.bin is written by whichever thread ends the
   * program, an application thread with an interrupt pending perhaps, or one that another thread
   * interrupts meanwhile: a FileChannel would be closed by that interrupt, so the file is written
   * and synced through a stream, which no interrupt stops.
   */
  static void writeAtomically(Path target, int kind, byte[] body) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
      out.write(FileHeader.build(kind, body));
      out.getFD().sync();
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.getParent());
  }

  /** Makes a rename durable. Linux allows fsync on a directory; elsewhere this is best effort. */
  static void fsyncDirectory(Path dir) {
    // A directory can only be synced through a channel, which a pending interrupt would close
    // before the sync: the application's interrupt is set aside meanwhile.
    boolean interrupted = Thread.interrupted();
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported on this platform, or an interrupt landed meanwhile: the data itself was
      // synced already.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
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
