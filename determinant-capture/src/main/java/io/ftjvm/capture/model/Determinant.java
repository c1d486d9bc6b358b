package io.ftjvm.capture.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One recorded nondeterministic event of one logical thread, as read back from a recording.
 *
 * <p>Immutable by contract: {@link #bytes()} returns the array the reader allocated for this
 * determinant (not a copy, because the replayer feeds large reads straight back); do not modify it.
 */
public final class Determinant {
  private final EventType type;
  private final long eventIndex;
  private final int channel;
  private final long value;
  private final byte[] bytes;
  private final String text;
  private final int encodedSize;

  /**
   * @param channel -1 when the type carries none
   * @param bytes null when the type carries none
   * @param text null when the type carries none (or the recorded text was null)
   * @param encodedSize bytes the record took on disk, tag included; 0 if not read from disk
   */
  public Determinant(
      EventType type,
      long eventIndex,
      int channel,
      long value,
      byte[] bytes,
      String text,
      int encodedSize) {
    this.type = Objects.requireNonNull(type, "type");
    if (eventIndex < 0) {
      throw new IllegalArgumentException("negative event index " + eventIndex);
    }
    this.eventIndex = eventIndex;
    this.channel = channel;
    this.value = value;
    this.bytes = bytes;
    this.text = text;
    this.encodedSize = encodedSize;
  }

  public EventType type() {
    return type;
  }

  /** Position in its thread stream, from 0. */
  public long eventIndex() {
    return eventIndex;
  }

  /** Channel id, or -1 when the type carries none. */
  public int channel() {
    return channel;
  }

  /** The value (absolute, already un-delta'd for clocks); 0 when the type carries none. */
  public long value() {
    return value;
  }

  /** The recorded bytes, or null when the type carries none. Do not modify. */
  public byte[] bytes() {
    return bytes;
  }

  /** The recorded text, or null. */
  public String text() {
    return text;
  }

  /** Bytes this record took on disk (tag included), for per-type statistics. */
  public int encodedSize() {
    return encodedSize;
  }

  /** Equality ignores {@link #encodedSize()}: it describes the encoding, not the event. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Determinant)) {
      return false;
    }
    Determinant d = (Determinant) o;
    return type == d.type
        && eventIndex == d.eventIndex
        && channel == d.channel
        && value == d.value
        && Arrays.equals(bytes, d.bytes)
        && Objects.equals(text, d.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, eventIndex, channel, value, Arrays.hashCode(bytes), text);
  }

  /** E.g. {@code #12 read ch=3 bytes[5]="hello" (8 B)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(64);
    sb.append('#').append(eventIndex).append(' ').append(type.displayName());
    if (type.hasChannel()) {
      sb.append(" ch=").append(channel);
    }
    if (type.hasValue()) {
      sb.append(type.isClock() || type.hasChannel() ? " value=" : " value=0x")
          .append(
              type.isClock() || type.hasChannel() ? Long.toString(value) : Long.toHexString(value));
    }
    if (bytes != null) {
      sb.append(" bytes[").append(bytes.length).append("]=");
      appendPreview(sb, bytes);
    }
    if (type.hasText()) {
      sb.append(" text=").append(text == null ? "null" : '"' + text + '"');
    }
    if (encodedSize > 0) {
      sb.append(" (").append(encodedSize).append(" B)");
    }
    return sb.toString();
  }

  /** Shows printable payloads as text and others as hex, cut at 32 bytes to keep lines short. */
  private static void appendPreview(StringBuilder sb, byte[] b) {
    int n = Math.min(b.length, 32);
    boolean printable = true;
    for (int i = 0; i < n; i++) {
      if (b[i] < 0x20 || b[i] > 0x7e) {
        printable = false;
        break;
      }
    }
    if (printable) {
      sb.append('"').append(new String(b, 0, n, StandardCharsets.US_ASCII)).append('"');
    } else {
      for (int i = 0; i < n; i++) {
        sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(b[i] & 0xf, 16));
      }
    }
    if (n < b.length) {
      sb.append("...");
    }
  }
}
