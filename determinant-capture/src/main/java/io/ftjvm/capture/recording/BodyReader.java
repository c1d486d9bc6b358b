package io.ftjvm.capture.recording;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the body of a small file and turns every overrun or malformed field into a {@link
 * RecordingFormatException} carrying the absolute file offset.
 */
final class BodyReader {
  private final Path file;
  private final byte[] data;
  private final long baseOffset;
  private int pos;
  private final int limit;

  /** data[from, to) is the body; baseOffset is the file offset of data[0]. */
  BodyReader(Path file, byte[] data, int from, int to, long baseOffset) {
    this.file = file;
    this.data = data;
    this.pos = from;
    this.limit = to;
    this.baseOffset = baseOffset;
  }

  long offset() {
    return baseOffset + pos;
  }

  int u8(String what) throws RecordingFormatException {
    need(1, what);
    return data[pos++] & 0xFF;
  }

  long i64(String what) throws RecordingFormatException {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos++] & 0xFF);
    }
    return v;
  }

  long varint(String what) throws RecordingFormatException {
    long start = offset();
    long v = 0;
    for (int i = 0; i < 10; i++) {
      need(1, what);
      int b = data[pos++] & 0xFF;
      if (i == 9 && b > 1) {
        break;
      }
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          break; // overlong: a writer never emits a trailing zero group
        }
        return v;
      }
    }
    throw fail(start, "malformed varint in " + what);
  }

  /** A count or length that must fit in an int and in the bytes left. */
  int count(String what, int minBytesEach) throws RecordingFormatException {
    long start = offset();
    long n = varint(what);
    if (n < 0 || n > Integer.MAX_VALUE || n * Math.max(minBytesEach, 1) > limit - pos) {
      throw fail(
          start,
          what
              + " "
              + Long.toUnsignedString(n)
              + " is larger than the "
              + (limit - pos)
              + " bytes left in the file body");
    }
    return (int) n;
  }

  String string(String what) throws RecordingFormatException {
    long start = offset();
    long n = varint(what);
    if (n == 0) {
      return null;
    }
    if (n - 1 > limit - pos || n < 0) {
      throw fail(
          start,
          what + " length " + Long.toUnsignedString(n - 1) + " runs past the end of the body");
    }
    int len = (int) (n - 1);
    String s = decodeUtf8(data, pos, len, start, what);
    pos += len;
    return s;
  }

  /** How many bytes of the body are left to read. */
  int remaining() {
    return limit - pos;
  }

  void expectEnd(String what) throws RecordingFormatException {
    if (pos != limit) {
      throw fail(offset(), (limit - pos) + " unexpected bytes after the last field of " + what);
    }
  }

  RecordingFormatException fail(long offset, String problem) {
    return new RecordingFormatException(file, offset, problem);
  }

  private void need(int n, String what) throws RecordingFormatException {
    if (limit - pos < n) {
      throw fail(offset(), "body ends inside " + what);
    }
  }

  /** Strict UTF-8 decoding: a writer never produces invalid sequences, so they mean corruption. */
  static String decodeUtf8(byte[] b, int off, int len, long fileOffset, String what, Path file)
      throws RecordingFormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RecordingFormatException(file, fileOffset, "invalid UTF-8 in " + what);
    }
  }

  private String decodeUtf8(byte[] b, int off, int len, long fileOffset, String what)
      throws RecordingFormatException {
    return decodeUtf8(b, off, len, fileOffset, what, file);
  }
}
