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
public record StreamCut(String threadId, long events, long position, long fileLength) {}
