package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The header every recording file starts with: magic "FTJR", u16 version, u8 kind, u8 reserved (0),
 * u32 body length L, L body bytes, u32 CRC32C of everything before it. All integers big-endian.
 *
 * <p>Checks run in the order that gives the most useful message: magic (is this our file at all?),
 * version (can we even parse the rest?), length, checksum, then kind and reserved byte.
 */
final class FileHeader {
  private FileHeader() {}

  /** A header as written: fixed part, body, CRC. */
  static byte[] build(int kind, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(Format.HEADER_FIXED + body.length + Format.HEADER_CRC);
    b.putInt(Format.MAGIC)
        .putShort((short) Format.VERSION)
        .put((byte) kind)
        .put((byte) 0)
        .putInt(body.length)
        .put(body);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** A validated header: the body is data[HEADER_FIXED, HEADER_FIXED + bodyLength). */
  static final class Parsed {
    final byte[] data;
    final int bodyLength;

    Parsed(byte[] data, int bodyLength) {
      this.data = data;
      this.bodyLength = bodyLength;
    }

    /** File offset of the first byte after the header (where a stream's blocks start). */
    int end() {
      return Format.HEADER_FIXED + bodyLength + Format.HEADER_CRC;
    }
  }

  static Parsed read(Path file, FileChannel ch, long fileSize, int expectedKind, int maxBody)
      throws IOException {
    byte[] fixed = readUpTo(ch, 0, (int) Math.min(fileSize, Format.HEADER_FIXED));
    ByteBuffer b = ByteBuffer.wrap(fixed);
    int magicBytes = Math.min(4, fixed.length);
    byte[] expected = ByteBuffer.allocate(4).putInt(Format.MAGIC).array();
    for (int i = 0; i < magicBytes; i++) {
      if (fixed[i] != expected[i]) {
        throw new RecordingFormatException(
            file,
            0,
            "bad magic "
                + hex(fixed, 0, magicBytes)
                + " (expected 46 54 4a 52, \"FTJR\"): not an FT-JVM recording file");
      }
    }
    if (fixed.length >= 6) {
      int version = b.getShort(4) & 0xFFFF;
      if (version != Format.VERSION) {
        throw new RecordingFormatException(
            file,
            4,
            "unsupported format version "
                + version
                + " (this reader supports version "
                + Format.VERSION
                + ")");
      }
    }
    if (fixed.length < Format.HEADER_FIXED) {
      throw truncated(file, fileSize);
    }
    long bodyLength = b.getInt(8) & 0xFFFFFFFFL;
    if (bodyLength > maxBody) {
      throw new RecordingFormatException(
          file,
          8,
          "header body length "
              + bodyLength
              + " exceeds the maximum "
              + maxBody
              + " for a "
              + Format.kindName(expectedKind)
              + " file");
    }
    long headerEnd = Format.HEADER_FIXED + bodyLength + Format.HEADER_CRC;
    if (headerEnd > fileSize) {
      throw new RecordingFormatException(
          file,
          fileSize,
          "truncated header: it declares a "
              + bodyLength
              + "-byte body, so it needs "
              + headerEnd
              + " bytes, but the file has "
              + fileSize);
    }
    byte[] data = readUpTo(ch, 0, (int) headerEnd);
    if (data.length != headerEnd) {
      throw truncated(file, data.length);
    }
    int crcAt = (int) headerEnd - Format.HEADER_CRC;
    CRC32C crc = new CRC32C();
    crc.update(data, 0, crcAt);
    int stored = ByteBuffer.wrap(data).getInt(crcAt);
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw new RecordingFormatException(
          file,
          crcAt,
          "header checksum mismatch (stored "
              + hex32(stored)
              + ", computed "
              + hex32(computed)
              + ")");
    }
    int kind = data[6] & 0xFF;
    if (kind != expectedKind) {
      throw new RecordingFormatException(
          file,
          6,
          "wrong file kind "
              + kind
              + " ("
              + Format.kindName(kind)
              + "), expected "
              + expectedKind
              + " ("
              + Format.kindName(expectedKind)
              + ")");
    }
    if (data[7] != 0) {
      throw new RecordingFormatException(
          file, 7, "reserved header byte is " + hex(data, 7, 1) + ", must be 00");
    }
    return new Parsed(data, (int) bodyLength);
  }

  private static RecordingFormatException truncated(Path file, long size) {
    return new RecordingFormatException(
        file,
        size,
        "truncated header: the file has "
            + size
            + " bytes, a header needs at least "
            + (Format.HEADER_FIXED + Format.HEADER_CRC));
  }

  /** Reads up to len bytes at position; fewer only at end of file. */
  static byte[] readUpTo(FileChannel ch, long position, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      int n = ch.read(b, position + b.position());
      if (n < 0) {
        break;
      }
    }
    if (b.hasRemaining()) {
      byte[] shorter = new byte[b.position()];
      System.arraycopy(b.array(), 0, shorter, 0, shorter.length);
      return shorter;
    }
    return b.array();
  }

  static String hex32(int v) {
    return String.format("0x%08x", v);
  }

  static String hex(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", b[off + i] & 0xFF));
    }
    return sb.toString();
  }
}
