package io.ftjvm.capture.recording;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.nio.file.Path;

/**
 * Decodes one record (tag + fields) from an in-memory block, keeping the per-type clock delta
 * bases. A record that runs past the bytes available raises {@link Incomplete}: inside a sealed
 * block that is an error, at the end of a crashed writer's tail it is the torn record to drop.
 * State (the clock bases) changes only when a record decodes completely.
 */
final class RecordDecoder {
  /** Signal, not an error: allocation- and stack-trace-free. */
  static final class Incomplete extends Exception {
    private static final long serialVersionUID = 1L;
    static final Incomplete INSTANCE = new Incomplete();

    private Incomplete() {
      super("record incomplete", null, false, false);
    }
  }

  private final Path file;
  private final long[] prevClock = new long[EventType.CLOCK_TYPES];
  private byte[] d;
  private int p;
  private int limit;
  private long base;

  RecordDecoder(Path file) {
    this.file = file;
  }

  /** Starts from a cut's delta bases instead of zeros (a reader that does not start at 0). */
  void startAt(StreamCut.DecoderState state) {
    for (int i = 0; i < prevClock.length; i++) {
      prevClock[i] = state.clock(i);
    }
  }

  /** Index just past the last record decoded. */
  int end() {
    return p;
  }

  /**
   * Decodes the record at data[start] (its tag is non-zero) within data[.., limit); base is the
   * file offset of data[0].
   */
  Determinant decode(byte[] data, int start, int limit, long base, long eventIndex)
      throws RecordingFormatException, Incomplete {
    this.d = data;
    this.p = start + 1;
    this.limit = limit;
    this.base = base;
    int tag = data[start] & 0xFF;
    EventType t = EventType.lookup(tag & Format.TAG_CODE_MASK);
    if (t == null) {
      throw fail(
          start,
          "unknown event type code "
              + (tag & Format.TAG_CODE_MASK)
              + " (tag 0x"
              + Integer.toHexString(tag)
              + ")");
    }
    int allowed =
        (t.hasValue() && !t.isClock() ? Format.TAG_FIXED64 : 0)
            | (t.hasText() ? Format.TAG_IPV4_TEXT : 0);
    if ((tag & ~Format.TAG_CODE_MASK & ~allowed) != 0) {
      throw fail(
          start,
          "invalid flag bits in tag 0x" + Integer.toHexString(tag) + " of a " + t + " record");
    }
    int channel = t.hasChannel() ? (int) varint(5, "channel") : -1;
    long value = 0;
    if (t.isClock()) {
      value = prevClock[t.clockIndex()] + Varint.unzigzag(varint(10, "clock delta"));
    } else if (t.hasValue()) {
      value = (tag & Format.TAG_FIXED64) != 0 ? fixed64() : Varint.unzigzag(varint(10, "value"));
    }
    byte[] bytes = null;
    if (t.hasBytes()) {
      int len = length("byte payload length");
      need(len);
      bytes = new byte[len];
      System.arraycopy(d, p, bytes, 0, len);
      p += len;
    }
    String text = null;
    if (t.hasText()) {
      text = (tag & Format.TAG_IPV4_TEXT) != 0 ? ipv4Text() : plainText();
    }
    if (t.isClock()) {
      prevClock[t.clockIndex()] = value;
    }
    return new Determinant(t, eventIndex, channel, value, bytes, text, p - start);
  }

  private String plainText() throws RecordingFormatException, Incomplete {
    int at = p;
    int n = length("text length");
    return n == 0 ? null : utf8(at, n - 1);
  }

  /** varint k (0: bare address; else k-1 prefix bytes followed by '/'), prefix, 4 address bytes. */
  private String ipv4Text() throws RecordingFormatException, Incomplete {
    int at = p;
    int k = length("address prefix length");
    String prefix = k == 0 ? "" : utf8(at, k - 1) + "/";
    need(4);
    String text =
        prefix
            + (d[p] & 0xFF)
            + "."
            + (d[p + 1] & 0xFF)
            + "."
            + (d[p + 2] & 0xFF)
            + "."
            + (d[p + 3] & 0xFF);
    p += 4;
    return text;
  }

  private String utf8(int fieldAt, int len) throws RecordingFormatException, Incomplete {
    need(len);
    String s = BodyReader.decodeUtf8(d, p, len, base + fieldAt, "text", file);
    p += len;
    return s;
  }

  private long fixed64() throws Incomplete {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[p++] & 0xFF);
    }
    return v;
  }

  private int length(String what) throws RecordingFormatException, Incomplete {
    int at = p;
    long n = varint(5, what);
    if (n > Format.MAX_RECORD) {
      throw fail(at, what + " " + n + " exceeds the " + Format.MAX_RECORD + "-byte limit");
    }
    return (int) n;
  }

  /**
   * Unsigned LEB128 of at most maxBytes bytes. Malformed: too long, excess bits in the last allowed
   * byte, or a non-minimal encoding (a trailing zero group a writer never produces).
   */
  private long varint(int maxBytes, String what) throws RecordingFormatException, Incomplete {
    int at = p;
    long v = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (p >= limit) {
        throw Incomplete.INSTANCE;
      }
      int b = d[p++] & 0xFF;
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        boolean excess = i == maxBytes - 1 && (b >>> (maxBytes == 10 ? 1 : 4)) != 0;
        if ((b == 0 && i > 0) || excess) {
          break;
        }
        return v;
      }
    }
    throw fail(at, "malformed varint in " + what);
  }

  private void need(int n) throws Incomplete {
    if (limit - p < n) {
      throw Incomplete.INSTANCE;
    }
  }

  private RecordingFormatException fail(int index, String problem) {
    return new RecordingFormatException(file, base + index, problem);
  }
}
