package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A recording file is not what the format says it must be. The message always names the file (as a
 * path that includes the recording directory), the byte offset and what is wrong, e.g. {@code
 * recording/threads/1.det at offset 4096: block checksum mismatch (stored 0x1a2b3c4d, computed
 * 0x5e6f7081)}.
 */
public class RecordingFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final String problem;

  public RecordingFormatException(Path file, long offset, String problem) {
    super(file + " at offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** The offending file (resolved against the recording directory as given to the reader). */
  public Path file() {
    return file;
  }

  /** Byte offset in {@link #file()} where the problem was found. */
  public long offset() {
    return offset;
  }

  /** The description alone, without file and offset. */
  public String problem() {
    return problem;
  }
}
