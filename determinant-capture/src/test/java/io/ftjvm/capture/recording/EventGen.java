package io.ftjvm.capture.recording;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.util.Random;

/**
 * Deterministic stream of determinants of every type (same seed, same sequence), written through
 * the public writer API. Tests, and the crash child JVM, use it so a reader's output can be checked
 * record by record against what was written.
 */
final class EventGen {
  static final String[] TEXTS = {
    null,
    "",
    "1.2",
    "127.0.0.1",
    "/10.0.0.1",
    "localhost/192.168.1.20",
    "host.example/1.2.3.256",
    "01.2.3.4",
    "java.net.SocketException: Connection reset",
    "\u03a9mega \ud83d\ude00",
    "\ud800x",
    "0.0.0.0",
    "a/255.255.255.255",
  };
  private static final EventType[] TYPES = EventType.values();

  private final Random rnd;
  private final int maxBytes;
  private final long[] clocks = {1_700_000_000_000L, 123_456_789_000L, 1_700_000_000_000_000_000L};
  private long index;

  EventGen(long seed, int maxBytes) {
    this.rnd = new Random(seed);
    this.maxBytes = maxBytes;
  }

  /** The next event, as the reader must return it (fields the type lacks at their defaults). */
  Determinant next() {
    int pick = rnd.nextInt(100);
    EventType t = pick < 60 ? TYPES[pick % 3] : TYPES[3 + rnd.nextInt(TYPES.length - 3)];
    int channel = t.hasChannel() ? (rnd.nextInt(20) == 0 ? rnd.nextInt() : rnd.nextInt(300)) : -1;
    long value = 0;
    if (t.isClock()) {
      long delta = rnd.nextInt(10) == 0 ? rnd.nextLong() >> rnd.nextInt(64) : rnd.nextInt(5000);
      value = clocks[t.clockIndex()] += delta;
    } else if (t.hasValue()) {
      value = rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(70000) - 10;
    }
    byte[] bytes = null;
    if (t.hasBytes()) {
      int len =
          rnd.nextInt(8) == 0 ? rnd.nextInt(maxBytes + 1) : rnd.nextInt(Math.min(40, maxBytes + 1));
      bytes = new byte[len];
      rnd.nextBytes(bytes);
    }
    String text = t.hasText() ? TEXTS[rnd.nextInt(TEXTS.length)] : null;
    return new Determinant(t, index++, channel, value, bytes, text, 0);
  }

  /** Writes d through the method its type belongs to. */
  static void write(ThreadStreamWriter w, Determinant d) {
    EventType t = d.type();
    if (t.isClock()) {
      w.clock(t, d.value());
    } else if (t.hasBytes()) {
      // Embed in a larger array to exercise off/len.
      byte[] padded = new byte[d.bytes().length + 3];
      System.arraycopy(d.bytes(), 0, padded, 2, d.bytes().length);
      w.bytes(t, d.channel(), d.value(), padded, 2, d.bytes().length);
    } else if (t.hasChannel()) {
      w.channelEvent(t, d.channel(), d.value(), d.text());
    } else if (t.hasText()) {
      w.text(t, d.text());
    } else {
      w.value(t, d.value());
    }
  }

  /** What the reader returns for a written text (unpaired surrogates become '?'). */
  static Determinant expected(Determinant d) {
    if (d.text() == null) {
      return d;
    }
    String normalized =
        new String(
            d.text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8);
    return new Determinant(
        d.type(), d.eventIndex(), d.channel(), d.value(), d.bytes(), normalized, 0);
  }
}
