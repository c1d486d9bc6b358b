package io.ftjvm.capture.recording;

/**
 * Constants of the on-disk format, version 2. Every number here is specified in
 * docs/recording-format.md; changing one means a new format version.
 */
final class Format {
  private Format() {}

  /** "FTJR" read as a big-endian int. */
  static final int MAGIC = 0x46544A52;

  static final int VERSION = 2;

  static final int KIND_CONTEXT = 1;
  static final int KIND_END = 2;
  static final int KIND_STREAM = 3;

  /** magic(4) version(2) kind(1) reserved(1) bodyLength(4). */
  static final int HEADER_FIXED = 12;

  /** CRC32C after the header body. */
  static final int HEADER_CRC = 4;

  /** Block header: payload length(4) CRC32C(4) seal marker(1). */
  static final int BLOCK_HEADER = 9;

  /**
   * Marker of a sealed block; 0 means "not sealed yet". Five bits set so one flip can't clear it.
   */
  static final byte SEALED = (byte) 0xB5;

  /**
   * Marker of the block that replaces a garbage-collected prefix ({@link CollectedPrefix}); at
   * least four bits away from both 0x00 and 0xB5, so no single flip turns one into another.
   */
  static final byte COLLECTED = (byte) 0x6A;

  /** Tag bits: low six bits are the event type code. */
  static final int TAG_CODE_MASK = 0x3F;

  /** Tag bit: the text field uses the IPv4 form (prefix + 4 address bytes). */
  static final int TAG_IPV4_TEXT = 0x40;

  /** Tag bit: the (non-clock) value field is 8 bytes big-endian instead of a zigzag varint. */
  static final int TAG_FIXED64 = 0x80;

  /**
   * Largest record (and byte payload / text length) a writer accepts; bounds every reader buffer.
   */
  static final int MAX_RECORD = 1 << 30;

  static final int MIN_BLOCK_CAPACITY = 16;
  static final int MAX_BLOCK_CAPACITY = 64 << 20;
  static final int MAX_THREAD_ID_BYTES = 200;

  /** Upper bound on context.bin / end.bin bodies, so a corrupt length cannot exhaust the heap. */
  static final int MAX_SMALL_BODY = 256 << 20;

  static final String CONTEXT_FILE = "context.bin";
  static final String END_FILE = "end.bin";
  static final String THREADS_DIR = "threads";
  static final String STREAM_SUFFIX = ".det";

  static String kindName(int kind) {
    switch (kind) {
      case KIND_CONTEXT:
        return "context";
      case KIND_END:
        return "end";
      case KIND_STREAM:
        return "thread stream";
      default:
        return "unknown";
    }
  }
}
