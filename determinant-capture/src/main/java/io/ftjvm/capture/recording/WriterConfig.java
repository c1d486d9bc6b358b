package io.ftjvm.capture.recording;

import java.time.Duration;

/**
 * Tuning of a {@link RecordingWriter}. The defaults suit production; tests shrink the sizes to
 * exercise block and window boundaries with little data. Immutable; {@code with...} returns a copy.
 */
public final class WriterConfig {
  private final int blockSize;
  private final int windowSize;
  private final Duration gracePeriod;
  private final Duration quiesceTimeout;

  private WriterConfig(
      int blockSize, int windowSize, Duration gracePeriod, Duration quiesceTimeout) {
    if (blockSize < Format.MIN_BLOCK_CAPACITY || blockSize > Format.MAX_BLOCK_CAPACITY) {
      throw new IllegalArgumentException(
          "block size "
              + blockSize
              + " outside ["
              + Format.MIN_BLOCK_CAPACITY
              + ", "
              + Format.MAX_BLOCK_CAPACITY
              + "]");
    }
    if (windowSize < 4096) {
      throw new IllegalArgumentException("window size " + windowSize + " below 4096");
    }
    if (gracePeriod.isNegative() || gracePeriod.isZero() || quiesceTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "grace period must be positive and the timeout not negative");
    }
    this.blockSize = blockSize;
    this.windowSize = windowSize;
    this.gracePeriod = gracePeriod;
    this.quiesceTimeout = quiesceTimeout;
  }

  /** 64 KiB blocks (a CRC per 64 KiB), 1 MiB mapping windows, 5 ms grace, 10 s timeout. */
  public static WriterConfig defaults() {
    return new WriterConfig(64 * 1024, 1 << 20, Duration.ofMillis(5), Duration.ofSeconds(10));
  }

  /**
   * Payload bytes per block before it is sealed (a single larger record gets a block of its own).
   */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes mapped (and preallocated) at a time; a stream grows by at least this much. */
  public int windowSize() {
    return windowSize;
  }

  /**
   * How long {@link RecordingWriter#sealAll()} and {@link RecordingWriter#finish(int)} watch a
   * writer thread for an in-flight record before touching its stream; see {@code Quiescence}.
   */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /**
   * Give up on a writer that stays inside one record this long (its stream is left as a crashed
   * one).
   */
  public Duration quiesceTimeout() {
    return quiesceTimeout;
  }

  public WriterConfig withBlockSize(int bytes) {
    return new WriterConfig(bytes, windowSize, gracePeriod, quiesceTimeout);
  }

  public WriterConfig withWindowSize(int bytes) {
    return new WriterConfig(blockSize, bytes, gracePeriod, quiesceTimeout);
  }

  public WriterConfig withGracePeriod(Duration d) {
    return new WriterConfig(blockSize, windowSize, d, quiesceTimeout);
  }

  public WriterConfig withQuiesceTimeout(Duration d) {
    return new WriterConfig(blockSize, windowSize, gracePeriod, d);
  }
}
