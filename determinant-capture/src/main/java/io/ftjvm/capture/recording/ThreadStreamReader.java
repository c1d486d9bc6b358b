package io.ftjvm.capture.recording;

import io.ftjvm.capture.model.Determinant;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;

/**
 * Iterates the determinants of one thread stream in order, reading one block at a time (a stream
 * may be larger than the heap). Sealed blocks are checked against their CRC32C before any record in
 * them is returned; the unsealed tail a crashed writer leaves is read record by record up to the
 * first zero tag, and a last record cut off by the end of the file is dropped.
 *
 * <p>Any violation of the format raises {@link RecordingFormatException}. The file is closed at the
 * end of the stream, on error, or by {@link #close()}.
 */
public final class ThreadStreamReader implements Closeable {
  private static final int NEXT_BLOCK = 0;
  private static final int SEALED = 1;
  private static final int TAIL = 2;
  private static final int DONE = 3;
  private static final int TAIL_CHUNK = 64 * 1024;

  /** A record's fields around its payload take at most this much (tag, varints, address). */
  private static final long MAX_RECORD = Format.MAX_RECORD + 64L;

  private final Path file;
  private final String threadId;
  private final FileChannel ch;
  private final long size;
  private final int blockSize;

  /** From end.bin when the stream was sealed by finish(): enables the strict end checks. */
  private final RunEnd.StreamSummary expected;

  private final RecordDecoder decoder;

  private int mode = NEXT_BLOCK;
  private long nextBlock;
  private long blockIndex;
  private boolean oversizedBlock;
  private int recordsInBlock;

  /** Current bytes: data[dp, dl) are the file bytes at dbase + dp ... */
  private byte[] data = new byte[0];

  private int dp;
  private int dl;
  private long dbase;

  private long index;
  private Determinant peeked;
  private long peekedEnd;
  private long returnedEnd;
  private boolean closed;

  private ThreadStreamReader(
      Path file,
      String threadId,
      FileChannel ch,
      long size,
      int blockSize,
      long firstBlock,
      RunEnd.StreamSummary expected) {
    this.file = file;
    this.threadId = threadId;
    this.ch = ch;
    this.size = size;
    this.blockSize = blockSize;
    this.nextBlock = firstBlock;
    this.returnedEnd = firstBlock;
    this.expected = expected;
    this.decoder = new RecordDecoder(file);
  }

  /** Opens and validates the header; {@code expected} may be null (no end.bin). */
  static ThreadStreamReader open(Path file, String threadId, RunEnd.StreamSummary expected)
      throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = ch.size();
      FileHeader.Parsed h =
          FileHeader.read(file, ch, size, Format.KIND_STREAM, 4 + Format.MAX_THREAD_ID_BYTES);
      if (h.bodyLength < 5) {
        throw new RecordingFormatException(
            file,
            8,
            "stream header body of "
                + h.bodyLength
                + " bytes is too short for a block size and a thread id");
      }
      ByteBuffer body = ByteBuffer.wrap(h.data, Format.HEADER_FIXED, h.bodyLength);
      int blockSize = body.getInt();
      if (blockSize < Format.MIN_BLOCK_CAPACITY || blockSize > Format.MAX_BLOCK_CAPACITY) {
        throw new RecordingFormatException(
            file,
            Format.HEADER_FIXED,
            "block size "
                + blockSize
                + " outside ["
                + Format.MIN_BLOCK_CAPACITY
                + ", "
                + Format.MAX_BLOCK_CAPACITY
                + "]");
      }
      String id =
          new String(
              h.data, Format.HEADER_FIXED + 4, h.bodyLength - 4, StandardCharsets.ISO_8859_1);
      if (!id.equals(threadId)) {
        throw new RecordingFormatException(
            file,
            Format.HEADER_FIXED + 4,
            "header names thread '" + id + "' but the file belongs to thread '" + threadId + "'");
      }
      if (expected != null && expected.sealed && size != expected.length) {
        throw new RecordingFormatException(
            file,
            Math.min(size, expected.length),
            "the file is "
                + size
                + " bytes long but end.bin records "
                + expected.length
                + " (truncated or appended to)");
      }
      return new ThreadStreamReader(
          file,
          threadId,
          ch,
          size,
          blockSize,
          h.end(),
          expected != null && expected.sealed ? expected : null);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Opens the stream at a checkpoint's cut: the next determinant returned is the one at event index
   * {@code cut.events()}, decoded with the cut's clock bases, and nothing before the position is
   * read (it may have been garbage collected). The position is checked first: the sealed block the
   * cut says ends there must be there, with the right index and checksum, so that a cut that does
   * not belong to this file (another run's, a position in the middle of a block, a freed range) is
   * refused with the file and offset instead of being read as an empty or garbled stream.
   *
   * @throws IllegalArgumentException when the cut has no decoder state (read from the start then)
   */
  static ThreadStreamReader openAt(
      Path file, String threadId, RunEnd.StreamSummary expected, StreamCut cut) throws IOException {
    StreamCut.DecoderState state = cut.decoder();
    if (state == null) {
      throw new IllegalArgumentException(
          "the cut of thread " + threadId + " has no decoder state: read it from its start");
    }
    ThreadStreamReader r = open(file, threadId, expected);
    try {
      r.checkCut(cut, state);
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
    r.nextBlock = cut.position();
    r.returnedEnd = cut.position();
    r.blockIndex = state.blocks();
    r.index = cut.events();
    r.decoder.startAt(state);
    return r;
  }

  private void checkCut(StreamCut cut, StreamCut.DecoderState state) throws IOException {
    long pos = cut.position();
    String refused = "cannot start reading at the checkpoint's cut (position " + pos + "): ";
    if (pos > size) {
      throw fail(size, refused + "the file is only " + size + " bytes long");
    }
    if (state.blocks() == 0) {
      if (pos != nextBlock) {
        throw fail(
            pos,
            refused
                + "the cut records no block before it, so it must be the first block's offset "
                + nextBlock);
      }
      return;
    }
    long at = state.lastBlock();
    long n = pos - at - Format.BLOCK_HEADER;
    if (at < nextBlock || n < 1 || n > Math.max(blockSize, MAX_RECORD)) {
      throw fail(pos, refused + "its last block offset " + at + " does not fit it");
    }
    ByteBuffer h = ByteBuffer.wrap(FileHeader.readUpTo(ch, at, Format.BLOCK_HEADER));
    long stored = h.getInt(0) & 0xFFFFFFFFL;
    if (h.get(8) != Format.SEALED || stored != n) {
      throw fail(
          at,
          refused
              + "no sealed block of "
              + n
              + " payload bytes ends there (marker "
              + String.format("0x%02x", h.get(8) & 0xFF)
              + ", length "
              + stored
              + "): the cut is not this file's, or that part of the file is gone");
    }
    byte[] payload = FileHeader.readUpTo(ch, at + Format.BLOCK_HEADER, (int) n);
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putInt((int) (state.blocks() - 1)).putInt((int) n).array());
    crc.update(payload, 0, payload.length);
    if (payload.length != n || h.getInt(4) != (int) crc.getValue()) {
      throw fail(
          at,
          refused
              + "the block before it does not check as block "
              + (state.blocks() - 1)
              + " (checksum mismatch): the cut is not this file's, or the block is damaged");
    }
  }

  public String threadId() {
    return threadId;
  }

  public boolean hasNext() throws IOException {
    return peek() != null;
  }

  /**
   * @throws NoSuchElementException at the end of the stream
   */
  public Determinant next() throws IOException {
    Determinant d = peek();
    if (d == null) {
      throw new NoSuchElementException(
          "end of thread stream " + threadId + " in " + file + " after " + index + " determinants");
    }
    peeked = null;
    index++;
    returnedEnd = peekedEnd;
    return d;
  }

  /** The next determinant without consuming it, or null at the end of the stream. */
  public Determinant peek() throws IOException {
    if (peeked == null && mode != DONE) {
      try {
        peeked = fetch();
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
      if (peeked == null) {
        close();
      }
    }
    return peeked;
  }

  /** Event index of the next determinant (= number of determinants returned so far). */
  public long position() {
    return index;
  }

  /** File offset just past the last determinant returned (for tools and tests). */
  public long byteOffset() {
    return returnedEnd;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      mode = DONE;
      ch.close();
    }
  }

  // ------------------------------------------------------------------ decoding

  private Determinant fetch() throws IOException {
    for (; ; ) {
      switch (mode) {
        case SEALED:
          if (dp < dl) {
            return fromSealed();
          }
          mode = NEXT_BLOCK;
          break;
        case TAIL:
          Determinant d = fromTail();
          if (d != null) {
            return d;
          }
          if (mode == DONE) {
            endOfStream(dbase + dp);
            return null;
          }
          break;
        case NEXT_BLOCK:
          if (!openBlock()) {
            endOfStream(nextBlock);
            return null;
          }
          break;
        default:
          return null;
      }
    }
  }

  private Determinant fromSealed() throws RecordingFormatException {
    if (oversizedBlock && recordsInBlock > 0) {
      throw fail(
          dbase + dp,
          "block "
              + (blockIndex - 1)
              + " is larger than the block size "
              + blockSize
              + " but holds more than one record");
    }
    if (data[dp] == 0) {
      throw fail(dbase + dp, "zero tag inside sealed block " + (blockIndex - 1));
    }
    try {
      Determinant d = decoder.decode(data, dp, dl, dbase, index);
      dp = decoder.end();
      peekedEnd = dbase + dp;
      recordsInBlock++;
      return d;
    } catch (RecordDecoder.Incomplete e) {
      throw fail(dbase + dp, "record runs past the end of sealed block " + (blockIndex - 1));
    }
  }

  /** Next record of the unsealed tail, or null with mode DONE (end) or unchanged (refilled). */
  private Determinant fromTail() throws IOException {
    boolean atEof = dbase + dl >= size;
    if (dp < dl && data[dp] == 0) {
      mode = DONE; // zero tag: where the writer stopped
      return null;
    }
    if (dp < dl) {
      try {
        Determinant d = decoder.decode(data, dp, dl, dbase, index);
        dp = decoder.end();
        peekedEnd = dbase + dp;
        return d;
      } catch (RecordDecoder.Incomplete e) {
        if (atEof) {
          mode = DONE; // torn by the end of the file: drop it
          return null;
        }
      }
    } else if (atEof) {
      mode = DONE;
      return null;
    }
    if (dl - dp >= MAX_RECORD) {
      throw fail(dbase + dp, "record longer than the " + Format.MAX_RECORD + "-byte limit");
    }
    // Grow geometrically, up to the largest possible record.
    loadTail(dbase + dp, (int) Math.min(Math.max(TAIL_CHUNK, 2L * (dl - dp)), MAX_RECORD));
    return null;
  }

  /** Reads the next block header; false at the clean end of the file. */
  private boolean openBlock() throws IOException {
    long off = nextBlock;
    if (off == size) {
      return false;
    }
    if (size - off < Format.BLOCK_HEADER) {
      throw fail(
          off,
          "truncated block header: "
              + (size - off)
              + " bytes left, a block header has "
              + Format.BLOCK_HEADER);
    }
    ByteBuffer h = ByteBuffer.wrap(FileHeader.readUpTo(ch, off, Format.BLOCK_HEADER));
    byte marker = h.get(8);
    if (marker == 0) {
      if (expected != null) {
        throw fail(
            off + 8,
            "unsealed block "
                + blockIndex
                + " in a stream that end.bin records as sealed by a normal finish");
      }
      mode = TAIL;
      loadTail(off + Format.BLOCK_HEADER, TAIL_CHUNK);
      return true;
    }
    if (marker == Format.COLLECTED) {
      byte[] mark =
          FileHeader.readUpTo(ch, off, (int) Math.min(CollectedPrefix.LENGTH, size - off));
      throw fail(off, CollectedPrefix.problem(CollectedPrefix.parse(file, off, mark)));
    }
    if (marker != Format.SEALED) {
      throw fail(
          off + 8,
          String.format(
              "bad block marker 0x%02x (expected 0xb5 = sealed, or 0x00 = unsealed tail)",
              marker & 0xFF));
    }
    long n = h.getInt(0) & 0xFFFFFFFFL;
    if (n == 0) {
      throw fail(off, "sealed block " + blockIndex + " has length 0");
    }
    if (n > Math.max(blockSize, MAX_RECORD)) {
      throw fail(
          off,
          "block "
              + blockIndex
              + " declares "
              + n
              + " payload bytes, more than any block can hold");
    }
    long present = size - off - Format.BLOCK_HEADER;
    if (n > present) {
      throw fail(
          off,
          "truncated block "
              + blockIndex
              + ": its header declares "
              + n
              + " payload bytes but only "
              + present
              + " are present");
    }
    byte[] payload = n <= data.length ? data : new byte[(int) Math.max(n, blockSize)];
    ByteBuffer pb = ByteBuffer.wrap(payload, 0, (int) n);
    while (pb.hasRemaining()) {
      if (ch.read(pb, off + Format.BLOCK_HEADER + pb.position()) < 0) {
        throw fail(off, "file shrank while reading block " + blockIndex);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putInt((int) blockIndex).putInt((int) n).array());
    crc.update(payload, 0, (int) n);
    int stored = h.getInt(4);
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw fail(
          off,
          "block checksum mismatch in block "
              + blockIndex
              + " (stored "
              + FileHeader.hex32(stored)
              + ", computed "
              + FileHeader.hex32(computed)
              + ")");
    }
    data = payload;
    dbase = off + Format.BLOCK_HEADER;
    dp = 0;
    dl = (int) n;
    oversizedBlock = n > blockSize;
    recordsInBlock = 0;
    nextBlock = off + Format.BLOCK_HEADER + n;
    blockIndex++;
    mode = SEALED;
    return true;
  }

  /** Loads up to len bytes of the tail starting at file offset from. */
  private void loadTail(long from, int len) throws IOException {
    int n = (int) Math.min(len, size - from);
    data = FileHeader.readUpTo(ch, from, n);
    dbase = from;
    dp = 0;
    dl = data.length;
  }

  private void endOfStream(long off) throws RecordingFormatException {
    mode = DONE;
    if (expected != null && index != expected.eventCount) {
      throw fail(
          off,
          "the stream ends after "
              + index
              + " determinants but end.bin records "
              + expected.eventCount);
    }
  }

  private RecordingFormatException fail(long offset, String problem) {
    return new RecordingFormatException(file, offset, problem);
  }
}
