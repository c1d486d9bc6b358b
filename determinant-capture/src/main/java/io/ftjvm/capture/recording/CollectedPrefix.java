package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The mark left in a thread stream whose beginning was garbage collected (its disk blocks freed
 * once no kept checkpoint's cut needs them, see docs/fault-tolerance.md). It takes the place of the
 * first block, right after the file header:
 *
 * <pre>
 * u32 n = 16 | u32 CRC32C(u32 0, u32 n, payload) | u8 0x6A | i64 horizon | i64 checkpoint
 * </pre>
 *
 * <p>The bytes from the end of the mark to {@code horizon} are gone (they read as zeros, or as
 * stale bytes where a freed range did not cover a whole disk block). A reader that starts at the
 * file's beginning meets the mark instead of a block and refuses the stream by name, rather than
 * reading the zeros behind it as an unsealed tail that ends at once (zero determinants, no error).
 * Readers that start at a kept checkpoint's cut never get here.
 */
public final class CollectedPrefix {
  /** Length of the mark: a block header plus 16 payload bytes. */
  public static final int LENGTH = Format.BLOCK_HEADER + 16;

  /**
   * What a mark says.
   *
   * @param at file offset of the mark (the end of the file header)
   * @param horizon the log before this offset was garbage collected
   * @param checkpoint the sequence of the oldest checkpoint kept when it was
   */
  public record Mark(long at, long horizon, long checkpoint) {
    /** Where the freed range may start: just past the mark. */
    public long end() {
      return at + LENGTH;
    }
  }

  private CollectedPrefix() {}

  /** Offset of the first block of a stream file (after its header), validating the header. */
  public static long firstBlock(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return FileHeader.read(
              file, ch, ch.size(), Format.KIND_STREAM, 4 + Format.MAX_THREAD_ID_BYTES)
          .end();
    }
  }

  /** The stream's mark, or empty when its beginning is still there. */
  public static Optional<Mark> read(Path file) throws IOException {
    long at = firstBlock(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] b = FileHeader.readUpTo(ch, at, (int) Math.min(LENGTH, Math.max(0, ch.size() - at)));
      if (b.length < LENGTH || b[8] != Format.COLLECTED) {
        return Optional.empty();
      }
      return Optional.of(parse(file, at, b));
    }
  }

  /** Parses a mark read at {@code at}; a bad checksum or length is a format error. */
  static Mark parse(Path file, long at, byte[] b) throws RecordingFormatException {
    ByteBuffer bb = ByteBuffer.wrap(b);
    int n = bb.getInt(0);
    if (n != 16 || b.length < LENGTH) {
      throw new RecordingFormatException(
          file, at, "garbage-collection mark with length " + n + " (expected 16)");
    }
    int stored = bb.getInt(4);
    int computed = crc(b);
    if (stored != computed) {
      throw new RecordingFormatException(
          file,
          at,
          "garbage-collection mark checksum mismatch (stored "
              + FileHeader.hex32(stored)
              + ", computed "
              + FileHeader.hex32(computed)
              + ")");
    }
    return new Mark(at, bb.getLong(9), bb.getLong(17));
  }

  /**
   * Writes the mark over the first block and forces it to disk, before any byte is freed: a reader
   * from the start must never see the freed range without the mark in front of it.
   *
   * @throws IllegalArgumentException when horizon leaves no room for the mark
   */
  public static Mark write(Path file, long horizon, long checkpoint) throws IOException {
    long at = firstBlock(file);
    if (horizon < at + LENGTH) {
      throw new IllegalArgumentException(
          "horizon " + horizon + " leaves no room for the mark at " + at + " in " + file);
    }
    byte[] b = new byte[LENGTH];
    ByteBuffer bb = ByteBuffer.wrap(b);
    bb.putInt(0, 16);
    bb.put(8, Format.COLLECTED);
    bb.putLong(9, horizon);
    bb.putLong(17, checkpoint);
    bb.putInt(4, crc(b));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer w = ByteBuffer.wrap(b);
      while (w.hasRemaining()) {
        ch.write(w, at + w.position());
      }
      ch.force(false);
    }
    return new Mark(at, horizon, checkpoint);
  }

  private static int crc(byte[] mark) {
    CRC32C crc = new CRC32C();
    crc.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 16});
    crc.update(mark, Format.BLOCK_HEADER, 16);
    return (int) crc.getValue();
  }

  /** The refusal a reader from the start gives. */
  static String problem(Mark m) {
    return "the log before offset "
        + m.horizon()
        + " was garbage collected after checkpoint "
        + m.checkpoint()
        + ": this stream can only be read from the cut of a checkpoint kept since (as recovery"
        + " does), not from its start";
  }
}
