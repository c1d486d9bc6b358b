package io.ftjvm.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint metadata file is truncated or corrupt; the message names the file and the offset.
 */
public final class MetadataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  public MetadataFormatException(Path file, long offset, String problem) {
    super(file + " at offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /** The file that was read. */
  public Path file() {
    return file;
  }

  /** Byte offset in {@link #file()} where the problem was found. */
  public long offset() {
    return offset;
  }
}
