package io.ftjvm.capture.recording;

/**
 * Where one thread stream stood when a checkpoint was taken: a restored process's writer continues
 * from exactly here, so recovery rolls the file back to this point before restoring.
 *
 * @param threadId the logical thread id
 * @param events determinants in the stream
 * @param position file offset where the next block starts (everything from here on is zero)
 * @param fileLength the file's length (data plus preallocated zeros)
 */
public record StreamCut(String threadId, long events, long position, long fileLength) {
  /**
   * How a cut is stored in a checkpoint's metadata: {@code stream.<id>.events}, {@code
   * stream.<id>.position} and {@code stream.<id>.size}. The agent writes these keys, the supervisor
   * reads them back.
   */
  public static final String KEY_PREFIX = "stream.";

  public static final String EVENTS = "events";
  public static final String POSITION = "position";
  public static final String SIZE = "size";

  /** The metadata key of one field of a thread's cut. */
  public static String key(String threadId, String field) {
    return KEY_PREFIX + threadId + "." + field;
  }

  /** This cut as metadata entries, in the order events, position, size. */
  public java.util.Map<String, Long> entries() {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    out.put(key(threadId, EVENTS), events);
    out.put(key(threadId, POSITION), position);
    out.put(key(threadId, SIZE), fileLength);
    return out;
  }

  /** The stream's file name in {@code threads/}. */
  public String fileName() {
    return threadId + Format.STREAM_SUFFIX;
  }
}
