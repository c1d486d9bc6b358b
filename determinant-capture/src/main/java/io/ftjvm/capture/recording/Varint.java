package io.ftjvm.capture.recording;

import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints (7 bits per byte, least significant group first, high bit = more) and
 * zigzag mapping of signed values, so that small magnitudes of either sign stay short. Writing is
 * allocation-free and works on absolute buffer indexes (the hot path never moves a buffer's
 * position).
 */
final class Varint {
  private Varint() {}

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unzigzag(long z) {
    return (z >>> 1) ^ -(z & 1);
  }

  /** Encoded length of {@code v} taken as unsigned 64-bit: 1..10. */
  static int size(long v) {
    // 64 - leadingZeros = significant bits; ceil(bits / 7), at least 1.
    int bits = 64 - Long.numberOfLeadingZeros(v | 1);
    return (bits + 6) / 7;
  }

  /** Writes {@code v} (unsigned) at {@code index}; returns the index after it. */
  static int put(ByteBuffer b, int index, long v) {
    while ((v & ~0x7FL) != 0) {
      b.put(index++, (byte) (v | 0x80));
      v >>>= 7;
    }
    b.put(index++, (byte) v);
    return index;
  }
}
