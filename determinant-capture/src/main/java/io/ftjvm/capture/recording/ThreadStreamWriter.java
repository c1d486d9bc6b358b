package io.ftjvm.capture.recording;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.MappedByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * Append-only determinant stream of one logical thread. Used by exactly one thread (the first one
 * that writes), without locks: every method writes one record straight into a memory-mapped window
 * of {@code threads/<id>.det}.
 *
 * <p>Record publication: the payload is stored first and the tag byte (never 0) last, behind a
 * release fence, into space that is known to be zero. A process killed at any instruction therefore
 * leaves either a complete record or a zero tag, which a reader takes as the end.
 *
 * <p>Cost of {@link #clock}: a few plain stores and loads, no allocation, no lock, no system call;
 * the slow path (block full, window full, sealing requested) runs about once per block.
 *
 * <p>Coordination with {@link RecordingWriter#sealAll()} and {@link RecordingWriter#finish(int)},
 * which run on other threads: {@code seq} is odd while a record is in flight and is published with
 * plain (opaque/release) stores; {@code control} is read with an acquire load at the start of every
 * record. See {@link Quiescence} for why this is enough without a fence on this side.
 *
 * <p>Errors: misuse (a type written through the wrong method, bad array bounds) throws {@link
 * IllegalArgumentException} or {@link IndexOutOfBoundsException} and writes nothing. An I/O failure
 * in the slow path throws {@link UncheckedIOException} once; the stream then drops every later
 * event ({@link #failure()} tells why). After {@code finish} events are dropped.
 */
public final class ThreadStreamWriter {
  static final int RUN = 0;
  static final int HOLD = 1;
  static final int CLOSED = 2;

  /** tag + 10-byte varint. */
  private static final int MAX_CLOCK_RECORD = 11;

  private static final VarHandle SEQ;
  private static final VarHandle CONTROL;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SEQ = l.findVarHandle(ThreadStreamWriter.class, "seq", long.class);
      CONTROL = l.findVarHandle(ThreadStreamWriter.class, "control", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String threadId;
  private final StreamFile file;
  private final int blockSize;
  private final int windowSize;
  private final CRC32C crc = new CRC32C();
  private final byte[] crcPrefix = new byte[8];
  private final long[] prevClock = new long[EventType.CLOCK_TYPES];

  /**
   * Channel id to {bytes read, bytes written} by this thread, for the checkpoint's channel cut.
   * Written by the stream's own thread only; read while the stream is held (quiesced).
   */
  private final Map<Integer, long[]> channelBytes = new HashMap<>();

  /**
   * The last channel's entry in {@link #channelBytes}: a thread usually reads and writes one
   * connection at a time, and the map's boxing and hashing sat on the path of every socket event.
   */
  private int lastChannel = -1;

  private long[] lastChannelBytes;

  // Hot state: only the owner thread touches it, or a sealing thread while the owner is
  // held or closed out (the hand-over is ordered by control/seq, see Quiescence).
  private MappedByteBuffer buf;
  private long windowStart;
  private int pos;

  /** End of the current block's payload capacity in buf; 0 forces the next record into roll(). */
  private int limit;

  private int blockHeader;
  private boolean blockOpen;
  private boolean oversized;
  private long blockIndex;

  /**
   * File offset just past the last sealed block (or the file header): the next block starts here.
   */
  private long committedEnd;

  /** File offset of the last sealed block's header (committedEnd while there is none). */
  private long lastBlockAt;

  private long count;
  private IOException failure;

  @SuppressWarnings("unused") // through SEQ
  private long seq;

  @SuppressWarnings("unused") // through CONTROL
  private int control;

  private volatile Thread owner;

  /**
   * The end up to which RecordingWriter.forceChanged() last forced this stream (its thread only).
   */
  volatile long forcedEnd;

  ThreadStreamWriter(String threadId, StreamFile file, int headerLength, WriterConfig config) {
    this.threadId = threadId;
    this.file = file;
    this.blockSize = config.blockSize();
    this.windowSize = config.windowSize();
    this.committedEnd = headerLength;
    this.lastBlockAt = headerLength;
  }

  /** A writer that drops everything: handed out after finish(), so late threads do not fail. */
  static ThreadStreamWriter closed(String threadId) {
    ThreadStreamWriter w = new ThreadStreamWriter(threadId, null, 0, WriterConfig.defaults());
    CONTROL.setVolatile(w, CLOSED);
    return w;
  }

  /** Bytes this thread read from and wrote to each channel; call only while held. */
  Map<Integer, long[]> channelBytesQuiesced() {
    return channelBytes;
  }

  public String threadId() {
    return threadId;
  }

  /** Records written so far; exact on the owner thread, and after sealAll()/finish() returned. */
  public long eventCount() {
    return count;
  }

  /** True once the recording is finished: events are then dropped. */
  public boolean isClosed() {
    return (int) CONTROL.getAcquire(this) == CLOSED;
  }

  /** The I/O error that made this stream stop recording, or null. */
  public IOException failure() {
    return failure;
  }

  // ---------------------------------------------------------------- hot path

  /**
   * A clock read: stored as the zigzag varint of the delta to the previous value of the same type
   * in this stream (2 bytes for |delta| &lt; 64, 3 bytes below 8192, tag included).
   */
  public void clock(EventType type, long value) {
    SEQ.setOpaque(this, seq + 1);
    // Everything below is read after the acquire, so a sealer's changes are seen.
    if ((int) CONTROL.getAcquire(this) == RUN) {
      int ci = type.clockIndex();
      if (ci >= 0 && pos + MAX_CLOCK_RECORD <= limit) {
        putClock(ci, type.code(), value);
        SEQ.setRelease(this, seq + 1);
        return;
      }
    }
    clockSlow(type, value);
  }

  private void putClock(int ci, int code, long value) {
    int p = pos;
    long d = value - prevClock[ci];
    long zz = (d << 1) ^ (d >> 63);
    MappedByteBuffer b = buf;
    int q = p + 1;
    while ((zz & ~0x7FL) != 0) {
      b.put(q++, (byte) (zz | 0x80));
      zz >>>= 7;
    }
    b.put(q++, (byte) zz);
    prevClock[ci] = value;
    publish(p, q, code);
  }

  /** Entered with seq odd (from clock). */
  private void clockSlow(EventType type, long value) {
    try {
      if (!type.isClock()) {
        throw wrongMethod(type, "clock");
      }
      if (reserve(MAX_CLOCK_RECORD)) {
        putClock(type.clockIndex(), type.code(), value);
      }
    } finally {
      exit();
    }
  }

  /** Payload is in place: make the record visible (tag last) and move on. */
  private void publish(int p, int end, int tag) {
    VarHandle.releaseFence(); // the tag store must not become visible before the payload
    buf.put(p, (byte) tag);
    pos = end;
    count++;
  }

  // ---------------------------------------------------------------- other records

  /**
   * A value-only event (seed, identity hash). Clock types are accepted and delta-encoded. Zigzag
   * varint (a 31-bit hash takes at most 5 bytes + tag), or 8 fixed bytes when shorter.
   */
  public void value(EventType type, long value) {
    if (type.isClock()) {
      clock(type, value);
      return;
    }
    if (!type.hasValue() || type.hasChannel() || type.hasBytes() || type.hasText()) {
      throw wrongMethod(type, "value");
    }
    enter();
    try {
      if (!reserve(1 + 10)) {
        return;
      }
      int p = pos;
      int tag = type.code();
      long zz = Varint.zigzag(value);
      int q;
      if (Varint.size(zz) > 8) {
        buf.putLong(p + 1, value);
        q = p + 9;
        tag |= Format.TAG_FIXED64;
      } else {
        q = Varint.put(buf, p + 1, zz);
      }
      publish(p, q, tag);
    } finally {
      exit();
    }
  }

  /**
   * An event with a byte payload (socket read/write, secure random); channel ignored if the type
   * has none.
   */
  public void bytes(EventType type, int channel, byte[] b, int off, int len) {
    bytes(type, channel, 0, b, off, len);
  }

  /**
   * An event with a byte payload and, if the type carries one, a value (select: how many keys were
   * selected, and which); channel and value are ignored if the type has none.
   */
  public void bytes(EventType type, int channel, long value, byte[] b, int off, int len) {
    if (!type.hasBytes()) {
      throw wrongMethod(type, "bytes");
    }
    Objects.checkFromIndexSize(off, len, b.length);
    long max = checkSize(type, 1 + 5 + 10 + 5 + (long) len);
    enter();
    try {
      if (!reserve((int) max)) {
        return;
      }
      int p = pos;
      int tag = tag(type, value);
      int q = putChannelAndValue(type, p + 1, channel, value);
      q = Varint.put(buf, q, len);
      buf.put(q, b, off, len);
      publish(p, q + len, tag);
      if (type == EventType.SOCKET_READ || type == EventType.SOCKET_WRITE) {
        bytesOf(channel)[type == EventType.SOCKET_READ ? 0 : 1] += len;
      }
      sealIfOversized();
    } finally {
      exit();
    }
  }

  private long[] bytesOf(int channel) {
    if (channel != lastChannel || lastChannelBytes == null) {
      lastChannelBytes = channelBytes.computeIfAbsent(channel, c -> new long[2]);
      lastChannel = channel;
    }
    return lastChannelBytes;
  }

  /**
   * A socket event with a channel and, if the type carries them, a value and a text (fields the
   * type does not carry are not stored).
   */
  public void channelEvent(EventType type, int channel, long value, String text) {
    if (!type.hasChannel() || type.hasBytes()) {
      throw wrongMethod(type, "channelEvent");
    }
    record(type, channel, value, text);
  }

  /**
   * Writes a determinant read back from a stream, through the method its type calls for. Recovery
   * uses it to write the log's tail again while replaying it: the encoding depends only on the
   * determinants and on the stream's state, so the bytes come out exactly as they were.
   */
  public void write(Determinant d) {
    EventType type = d.type();
    if (type.isClock()) {
      clock(type, d.value());
    } else if (type.hasBytes()) {
      byte[] b = d.bytes();
      bytes(type, d.channel(), d.value(), b, 0, b.length);
    } else if (type.hasChannel()) {
      channelEvent(type, d.channel(), d.value(), d.text());
    } else if (type.hasText()) {
      text(type, d.text());
    } else {
      value(type, d.value());
    }
  }

  /** A text-only event (thread start: text = child logical id). */
  public void text(EventType type, String text) {
    if (!type.hasText() || type.hasChannel() || type.hasBytes()) {
      throw wrongMethod(type, "text");
    }
    record(type, -1, 0, text);
  }

  private void record(EventType type, int channel, long value, String text) {
    boolean hasText = type.hasText();
    int ipv4 = hasText && text != null ? TextCodec.ipv4Start(text) : -1;
    int utf8 = 0;
    if (hasText && text != null) {
      utf8 = TextCodec.utf8Length(text, 0, ipv4 < 0 ? text.length() : Math.max(ipv4 - 1, 0));
    }
    long max = checkSize(type, 1 + 5 + 10 + 5 + 4 + (long) utf8);
    enter();
    try {
      if (!reserve((int) max)) {
        return;
      }
      int p = pos;
      int tag = tag(type, value);
      int q = putChannelAndValue(type, p + 1, channel, value);
      if (hasText) {
        if (text == null) {
          q = Varint.put(buf, q, 0);
        } else if (ipv4 >= 0) {
          tag |= Format.TAG_IPV4_TEXT;
          q = Varint.put(buf, q, ipv4 == 0 ? 0 : utf8 + 1L);
          q = TextCodec.putUtf8(buf, q, text, 0, Math.max(ipv4 - 1, 0));
          q = TextCodec.putIpv4(buf, q, text, ipv4);
        } else {
          q = Varint.put(buf, q, utf8 + 1L);
          q = TextCodec.putUtf8(buf, q, text, 0, text.length());
        }
      }
      publish(p, q, tag);
      sealIfOversized();
    } finally {
      exit();
    }
  }

  /** The tag byte of a non-clock event: its type code, flagged when the value is fixed-size. */
  private static int tag(EventType type, long value) {
    return type.hasValue() && needsFixed64(value) ? type.code() | Format.TAG_FIXED64 : type.code();
  }

  /** Stores the channel and value fields the type carries, from q on; returns the end. */
  private int putChannelAndValue(EventType type, int q, int channel, long value) {
    if (type.hasChannel()) {
      q = Varint.put(buf, q, channel & 0xFFFFFFFFL);
    }
    return type.hasValue() ? putValue(q, value) : q;
  }

  /** Whether a (non-clock) value is stored as 8 fixed bytes: its varint would be longer. */
  private static boolean needsFixed64(long value) {
    return Varint.size(Varint.zigzag(value)) > 8;
  }

  /** Stores a (non-clock) value at q, as a zigzag varint or 8 fixed bytes; returns the end. */
  private int putValue(int q, long value) {
    if (needsFixed64(value)) {
      buf.putLong(q, value);
      return q + 8;
    }
    return Varint.put(buf, q, Varint.zigzag(value));
  }

  /**
   * Seals the current block now (so everything written so far is checksummed). Owner thread only.
   */
  public void seal() {
    enter();
    try {
      if (admit()) {
        sealBlock();
      }
    } finally {
      exit();
    }
  }

  private static long checkSize(EventType type, long max) {
    if (max > Format.MAX_RECORD) {
      throw new IllegalArgumentException(
          type
              + " record of up to "
              + max
              + " bytes exceeds the "
              + Format.MAX_RECORD
              + "-byte limit");
    }
    return max;
  }

  private static IllegalArgumentException wrongMethod(EventType type, String method) {
    return new IllegalArgumentException(
        type
            + " cannot be written with "
            + method
            + "(...)"
            + " (channel "
            + type.hasChannel()
            + ", value "
            + type.hasValue()
            + ", bytes "
            + type.hasBytes()
            + ", text "
            + type.hasText()
            + ")");
  }

  // ---------------------------------------------------------------- slow path

  private void enter() {
    SEQ.setOpaque(this, seq + 1);
  }

  private void exit() {
    SEQ.setRelease(this, seq + 1);
  }

  /** May a record be written now? Waits while a sealer holds this stream. */
  private boolean admit() {
    for (; ; ) {
      int c = (int) CONTROL.getAcquire(this);
      if (c == RUN) {
        return failure == null;
      }
      if (c != HOLD) {
        return false;
      }
      // Step out of the record (seq even) so the sealer can proceed, wait, step back in.
      SEQ.setRelease(this, seq + 1);
      while ((int) CONTROL.getAcquire(this) == HOLD) {
        LockSupport.parkNanos(this, 100_000L);
      }
      // The wait may have taken the permit an application's unpark left for this thread's next
      // park (which would then wait forever): give one back; at worst that park returns at once.
      LockSupport.unpark(Thread.currentThread());
      SEQ.setOpaque(this, seq + 1);
    }
  }

  /** Makes room for a record of at most max bytes; false if it must be dropped. */
  private boolean reserve(int max) {
    if (!admit()) {
      return false;
    }
    if (pos + max <= limit) {
      return true;
    }
    try {
      roll(max);
      return true;
    } catch (IOException e) {
      failure = e;
      limit = 0;
      throw new UncheckedIOException(
          "recording of thread " + threadId + " failed; later events are dropped", e);
    }
  }

  /** Seals the current block and starts the next one, mapping a new window when needed. */
  private void roll(int max) throws IOException {
    if (owner == null) {
      owner = Thread.currentThread();
    }
    sealBlock();
    int capacity = Math.max(blockSize, max);
    long at = committedEnd;
    // Room for this block plus the next block's header, so that a crash right after a seal
    // never leaves a partial (shorter than 9 bytes) block header at the end of the file.
    long need = at + Format.BLOCK_HEADER + capacity + Format.BLOCK_HEADER;
    if (buf == null || need > windowStart + buf.capacity()) {
      buf = file.map(at, (int) Math.max(windowSize, need - at));
      windowStart = at;
    }
    blockHeader = (int) (at - windowStart);
    pos = blockHeader + Format.BLOCK_HEADER;
    limit = pos + capacity;
    blockOpen = true;
    oversized = capacity > blockSize;
  }

  /** A block bigger than blockSize holds exactly one record: seal it right after that record. */
  private void sealIfOversized() {
    if (oversized) {
      sealBlock();
    }
  }

  /** Writes the block header (length, CRC32C, then the marker last); no-op for an empty block. */
  private void sealBlock() {
    if (!blockOpen) {
      return;
    }
    int start = blockHeader + Format.BLOCK_HEADER;
    int n = pos - start;
    if (n > 0) {
      MappedByteBuffer b = buf;
      putIntBE(crcPrefix, 0, (int) blockIndex);
      putIntBE(crcPrefix, 4, n);
      crc.reset();
      crc.update(crcPrefix, 0, 8);
      // position/limit are borrowed for the CRC (allocation-free); all other accesses are absolute.
      b.limit(pos).position(start);
      crc.update(b);
      b.clear();
      b.putInt(blockHeader, n);
      b.putInt(blockHeader + 4, (int) crc.getValue());
      VarHandle.releaseFence(); // marker last: a torn seal reads as "not sealed", not as corrupt
      b.put(blockHeader + 8, Format.SEALED);
      blockIndex++;
      lastBlockAt = windowStart + blockHeader;
      committedEnd = windowStart + pos;
    }
    blockOpen = false;
    oversized = false;
    limit = 0;
  }

  private static void putIntBE(byte[] a, int i, int v) {
    a[i] = (byte) (v >>> 24);
    a[i + 1] = (byte) (v >>> 16);
    a[i + 2] = (byte) (v >>> 8);
    a[i + 3] = (byte) v;
  }

  // ---------------------------------------------------------------- coordinator side

  void setControl(int c) {
    CONTROL.setVolatile(this, c);
  }

  long seqAcquire() {
    return (long) SEQ.getAcquire(this);
  }

  Thread owner() {
    return owner;
  }

  boolean hasFile() {
    return file != null;
  }

  /** Called by a sealer once this writer is quiescent (held or closed). */
  void sealQuiesced() {
    sealBlock();
  }

  void force() throws IOException {
    file.force();
  }

  /**
   * Where the next record will go, read from any thread without synchronisation: for noticing that
   * a stream has grown since it was last forced, never for reading its content.
   */
  long approximateEnd() {
    return windowStart + pos;
  }

  /** The file's allocated length (zeros beyond the data included). Writer must be quiescent. */
  long fileLength() {
    return file == null ? 0 : file.allocatedEnd();
  }

  /**
   * Final seal, cut the preallocated zeros, make it durable. Writer must be closed and quiescent.
   */
  void closeQuiesced() throws IOException {
    sealBlock();
    try {
      file.truncate(committedEnd);
      file.force();
    } finally {
      file.close();
    }
  }

  long committedEnd() {
    return committedEnd;
  }

  /** What a reader needs to start at committedEnd(). Writer must be quiescent. */
  StreamCut.DecoderState decoderState() {
    return new StreamCut.DecoderState(
        blockIndex, lastBlockAt, prevClock[0], prevClock[1], prevClock[2]);
  }
}
