package io.ftjvm.capture.recording;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one thread stream stood when a checkpoint was taken: a restored process's writer continues
 * from exactly here, so recovery rolls the file back to this point before restoring, and reads the
 * log beyond it from here ({@link Recording#streamFrom}) without decoding what lies before (which
 * may have been garbage collected, see {@link CollectedPrefix}).
 *
 * @param threadId the logical thread id
 * @param events determinants in the stream
 * @param position file offset where the next block starts (everything from here on is zero)
 * @param fileLength the file's length (data plus preallocated zeros)
 * @param decoder what a reader needs to start decoding at {@code position}; null for a cut written
 *     before it was recorded (such a stream can only be read from its start)
 */
public record StreamCut(
    String threadId, long events, long position, long fileLength, DecoderState decoder) {
  /**
   * How a cut is stored in a checkpoint's metadata: {@code stream.<id>.<field>}. The agent writes
   * these keys, the supervisor and the log collector read them back.
   */
  public static final String KEY_PREFIX = "stream.";

  public static final String EVENTS = "events";
  public static final String POSITION = "position";
  public static final String SIZE = "size";
  public static final String BLOCKS = "blocks";
  public static final String LAST_BLOCK = "lastBlock";

  /** Per clock type (EventType.clockIndex order): the delta base at the cut. */
  public static final String[] CLOCKS = {"clockMillis", "clockNanos", "clockInstant"};

  /**
   * The reader's state at a cut: the sealed blocks before it (their count is the next block's index
   * in its CRC), where the last of them starts (a reader checks that block to know the position is
   * a real block boundary of this file), and the clock delta bases.
   *
   * @param blocks sealed blocks before the position
   * @param lastBlock offset of the last of them (the position itself when there is none)
   * @param clockMillis delta base of CLOCK_MILLIS records
   * @param clockNanos delta base of CLOCK_NANOS records
   * @param clockInstant delta base of CLOCK_INSTANT records
   */
  public record DecoderState(
      long blocks, long lastBlock, long clockMillis, long clockNanos, long clockInstant) {
    long clock(int index) {
      return index == 0 ? clockMillis : index == 1 ? clockNanos : clockInstant;
    }
  }

  /** A cut without decoder state (the format before it was recorded). */
  public StreamCut(String threadId, long events, long position, long fileLength) {
    this(threadId, events, position, fileLength, null);
  }

  /** The metadata key of one field of a thread's cut. */
  public static String key(String threadId, String field) {
    return KEY_PREFIX + threadId + "." + field;
  }

  /** This cut as metadata entries: events, position, size, then the decoder state if known. */
  public Map<String, Long> entries() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(key(threadId, EVENTS), events);
    out.put(key(threadId, POSITION), position);
    out.put(key(threadId, SIZE), fileLength);
    if (decoder != null) {
      out.put(key(threadId, BLOCKS), decoder.blocks());
      out.put(key(threadId, LAST_BLOCK), decoder.lastBlock());
      for (int i = 0; i < CLOCKS.length; i++) {
        out.put(key(threadId, CLOCKS[i]), decoder.clock(i));
      }
    }
    return out;
  }

  /** The stream's file name in {@code threads/}. */
  public String fileName() {
    return threadId + Format.STREAM_SUFFIX;
  }
}
