package io.ftjvm.capture.recording;

import java.nio.ByteBuffer;

/**
 * Writes the text field of a record without allocating: UTF-8 straight into the buffer (unpaired
 * surrogates become '?', as {@code String.getBytes(UTF_8)} does), and the compact IPv4 form for
 * texts that end in a canonical dotted quad ("1.2.3.4", "/1.2.3.4", "host/1.2.3.4"), which keeps
 * accept/connect records within their size goal.
 */
final class TextCodec {
  private TextCodec() {}

  /** UTF-8 length of s[from, to). */
  static int utf8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n += 1; // '?'
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Writes s[from, to) as UTF-8 at index; returns the index after it. */
  static int putUtf8(ByteBuffer b, int index, String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b.put(index++, (byte) c);
      } else if (c < 0x800) {
        b.put(index++, (byte) (0xC0 | (c >> 6)));
        b.put(index++, (byte) (0x80 | (c & 0x3F)));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b.put(index++, (byte) (0xF0 | (cp >> 18)));
        b.put(index++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
        b.put(index++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        b.put(index++, (byte) (0x80 | (cp & 0x3F)));
      } else if (Character.isSurrogate(c)) {
        b.put(index++, (byte) '?');
      } else {
        b.put(index++, (byte) (0xE0 | (c >> 12)));
        b.put(index++, (byte) (0x80 | ((c >> 6) & 0x3F)));
        b.put(index++, (byte) (0x80 | (c & 0x3F)));
      }
    }
    return index;
  }

  /**
   * If s ends in a canonical dotted quad (each octet 0..255 in decimal without leading zeros),
   * returns the quad's start index; otherwise -1. Canonical only, so decoding gives back the same
   * string.
   */
  static int ipv4Start(String s) {
    int end = s.length();
    int i = end;
    for (int octet = 0; octet < 4; octet++) {
      int digitsEnd = i;
      int value = 0;
      int mul = 1;
      while (i > 0 && i > digitsEnd - 3 && isDigit(s.charAt(i - 1))) {
        value += (s.charAt(i - 1) - '0') * mul;
        mul *= 10;
        i--;
      }
      int digits = digitsEnd - i;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(i) == '0')) {
        return -1;
      }
      if (octet < 3) {
        if (i == 0 || s.charAt(i - 1) != '.') {
          return -1;
        }
        i--;
      }
    }
    // The quad must be the whole text or follow a '/'.
    return i == 0 || s.charAt(i - 1) == '/' ? i : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Writes the 4 address bytes of the canonical quad starting at {@code start}. */
  static int putIpv4(ByteBuffer b, int index, String s, int start) {
    int value = 0;
    for (int i = start; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        b.put(index++, (byte) value);
        value = 0;
      } else {
        value = value * 10 + (s.charAt(i) - '0');
      }
    }
    return index;
  }
}
