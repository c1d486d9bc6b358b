package io.ftjvm.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;

/**
 * A {@link CheckpointEngine} for tests: writes a small fake image file and returns at once, without
 * pausing or dumping anything. Tests can make the next checkpoint look like it returned in a
 * restored process ({@link #restoreOnNextCheckpoint()}) or fail ({@link
 * #failNextCheckpoint(String)}).
 */
public final class SimulatedCheckpointEngine implements CheckpointEngine {

  /** Name of the fake image file written into each image directory. */
  public static final String IMAGE_FILE = "simulated.img";

  private final int imageBytes;
  private boolean restoreNext;
  private String failNext;
  private int checkpoints;
  private Path lastImageDir;

  /** An engine whose images are 4 KiB. */
  public SimulatedCheckpointEngine() {
    this(4096);
  }

  /** An engine whose images are {@code imageBytes} long. */
  public SimulatedCheckpointEngine(int imageBytes) {
    if (imageBytes < 0) {
      throw new IllegalArgumentException("imageBytes must be >= 0: " + imageBytes);
    }
    this.imageBytes = imageBytes;
  }

  /**
   * The next checkpoint writes its image and then reports {@link
   * CheckpointResult.Outcome#RESTORED}.
   */
  public synchronized SimulatedCheckpointEngine restoreOnNextCheckpoint() {
    restoreNext = true;
    return this;
  }

  /**
   * The next checkpoint throws a {@link CheckpointException} with this message and writes nothing.
   */
  public synchronized SimulatedCheckpointEngine failNextCheckpoint(String message) {
    failNext = message;
    return this;
  }

  /** How many checkpoints were written (failed ones not counted). */
  public synchronized int checkpointCount() {
    return checkpoints;
  }

  /** Image directory of the last successful checkpoint, or null. */
  public synchronized Path lastImageDir() {
    return lastImageDir;
  }

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public synchronized CheckpointResult checkpoint(Path imageDir) throws CheckpointException {
    if (failNext != null) {
      String message = failNext;
      failNext = null;
      throw new CheckpointException(
          "simulated checkpoint into " + imageDir + " failed: " + message);
    }
    long start = System.nanoTime();
    try {
      Files.createDirectories(imageDir);
      ByteBuffer image = ByteBuffer.allocate(imageBytes);
      for (int i = 0; i < imageBytes; i++) {
        image.put((byte) (i * 31 + checkpoints));
      }
      image.flip();
      try (FileChannel ch =
          FileChannel.open(
              imageDir.resolve(IMAGE_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        while (image.hasRemaining()) {
          ch.write(image);
        }
      }
      long size = ImageFiles.imageSize(imageDir, Set.of(CheckpointMetadataFile.FILE_NAME));
      Duration duration = Duration.ofNanos(System.nanoTime() - start);
      checkpoints++;
      lastImageDir = imageDir;
      if (restoreNext) {
        restoreNext = false;
        return new CheckpointResult(
            CheckpointResult.Outcome.RESTORED, imageDir, Duration.ZERO, size);
      }
      return new CheckpointResult(CheckpointResult.Outcome.ORIGINAL, imageDir, duration, size);
    } catch (IOException e) {
      throw new CheckpointException("simulated checkpoint into " + imageDir + " failed: " + e, e);
    }
  }
}
