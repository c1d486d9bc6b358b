package io.ftjvm.capture.recording;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds the body of a small file (context.bin, end.bin) in memory; not on any hot path. */
final class BodyWriter {
  private byte[] buf = new byte[256];
  private int len;

  BodyWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  BodyWriter i64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Unsigned LEB128. */
  BodyWriter varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  /** varint(UTF-8 length + 1) then the bytes; 0 encodes null (same rule as record text). */
  BodyWriter string(String s) {
    if (s == null) {
      return varint(0);
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length + 1L);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
