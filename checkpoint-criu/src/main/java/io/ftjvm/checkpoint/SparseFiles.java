package io.ftjvm.checkpoint;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Frees disk blocks inside a file without changing its size or the offsets of what remains ({@code
 * fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)}), and measures how much of a file is data
 * rather than holes ({@code lseek(SEEK_DATA / SEEK_HOLE)}). Used for the determinant log, whose
 * files must keep their size: CRIU checks it when it restores their descriptors.
 */
public final class SparseFiles {
  /** Punching works on whole file-system blocks; ranges are aligned to this (4 KiB and smaller). */
  public static final long BLOCK = 4096;

  private SparseFiles() {}

  /**
   * Frees the whole {@link #BLOCK}s inside {@code [from, to)}; the bytes there read as zeros
   * afterwards. Partial blocks at either end are left alone. Returns the bytes of the range that
   * was punched (0 when no whole block fits).
   *
   * @throws IOException when the file system cannot do it (e.g. it does not support holes)
   */
  public static long punchHole(Path file, long from, long to) throws IOException {
    long start = (from + BLOCK - 1) / BLOCK * BLOCK;
    long end = to / BLOCK * BLOCK;
    if (end <= start) {
      return 0;
    }
    LibC libc = LibC.get();
    int fd = open(file, LibC.O_WRONLY | LibC.O_CLOEXEC);
    try {
      libc.fallocate(fd, LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, start, end - start);
    } catch (LastErrorException e) {
      throw new IOException(
          "cannot free bytes " + start + ".." + end + " of " + file + ": errno " + e.getErrorCode(),
          e);
    } finally {
      libc.close(fd);
    }
    return end - start;
  }

  /**
   * Bytes of {@code file} that are data (not holes), counted in whole blocks as the file system
   * reports them: close to what the file takes on disk.
   */
  public static long dataBytes(Path file) throws IOException {
    LibC libc = LibC.get();
    int fd = open(file, LibC.O_RDONLY | LibC.O_CLOEXEC);
    try {
      long total = 0;
      long at = 0;
      while (true) {
        long data;
        try {
          data = libc.lseek(fd, at, LibC.SEEK_DATA);
        } catch (LastErrorException e) {
          if (e.getErrorCode() == LibC.ENXIO) {
            return total; // no data beyond at
          }
          throw e;
        }
        long hole = libc.lseek(fd, data, LibC.SEEK_HOLE);
        total += hole - data;
        at = hole;
      }
    } catch (LastErrorException e) {
      throw new IOException("cannot measure " + file + ": errno " + e.getErrorCode(), e);
    } finally {
      libc.close(fd);
    }
  }

  private static int open(Path file, int flags) throws IOException {
    try {
      return LibC.get().open(file.toString(), flags);
    } catch (LastErrorException e) {
      throw new IOException("cannot open " + file + ": errno " + e.getErrorCode(), e);
    }
  }
}
