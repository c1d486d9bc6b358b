package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recording directory opened for reading. Opening validates context.bin and end.bin (if present)
 * and lists the thread streams; the streams themselves are read lazily, one {@link
 * ThreadStreamReader} at a time. Holds no open files itself.
 */
public final class Recording {
  private final Path dir;
  private final RunContext context;
  private final Optional<RunEnd> end;
  private final List<String> threadIds;

  private Recording(Path dir, RunContext context, Optional<RunEnd> end, List<String> threadIds) {
    this.dir = dir;
    this.context = context;
    this.end = end;
    this.threadIds = threadIds;
  }

  public static Recording open(Path dir) throws IOException {
    RunContext context = ContextFile.read(dir);
    Optional<RunEnd> end = EndFile.read(dir);
    Path threads = dir.resolve(Format.THREADS_DIR);
    List<String> ids = new ArrayList<>();
    if (Files.isDirectory(threads)) {
      try (DirectoryStream<Path> files =
          Files.newDirectoryStream(threads, "*" + Format.STREAM_SUFFIX)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          String id = name.substring(0, name.length() - Format.STREAM_SUFFIX.length());
          if (!ThreadIds.isValid(id)) {
            throw new RecordingFormatException(
                f, 0, "stream file name '" + name + "' is not <logical thread id>.det");
          }
          ids.add(id);
        }
      }
    }
    ids.sort(ThreadIds.ORDER);
    if (end.isPresent()) {
      Map<String, RunEnd.StreamSummary> listed = end.get().streams();
      java.util.Set<String> present = new java.util.HashSet<>(ids);
      for (String id : listed.keySet()) {
        if (!present.contains(id)) {
          throw new RecordingFormatException(
              streamFile(dir, id),
              0,
              "missing stream file: end.bin lists thread "
                  + id
                  + " with "
                  + listed.get(id).eventCount
                  + " determinants");
        }
      }
      for (String id : ids) {
        if (!listed.containsKey(id)) {
          throw new RecordingFormatException(
              streamFile(dir, id), 0, "stream of thread " + id + " is not listed in end.bin");
        }
      }
    }
    return new Recording(dir, context, end, Collections.unmodifiableList(ids));
  }

  public Path dir() {
    return dir;
  }

  public RunContext context() {
    return context;
  }

  /** Empty when the recorded process did not end normally (crash, kill -9). */
  public Optional<RunEnd> end() {
    return end;
  }

  /** Logical thread ids in logical order ("1" &lt; "1.2" &lt; "1.10" &lt; "2"). */
  public List<String> threadIds() {
    return threadIds;
  }

  /**
   * Opens the stream of one thread for reading (close it, or read it to the end).
   *
   * @throws IllegalArgumentException if the recording has no such stream
   */
  public ThreadStreamReader stream(String threadId) throws IOException {
    if (!threadIds.contains(threadId)) {
      throw new IllegalArgumentException(
          "recording "
              + dir
              + " has no stream for thread '"
              + threadId
              + "' (it has "
              + threadIds
              + ")");
    }
    RunEnd.StreamSummary expected = end.map(e -> e.streams().get(threadId)).orElse(null);
    return ThreadStreamReader.open(streamFile(dir, threadId), threadId, expected);
  }

  /**
   * Opens the stream of one thread at a checkpoint's cut ({@link ThreadStreamReader} checks that
   * the cut fits the file); a cut without decoder state (an older agent's) reads from the start and
   * skips to the cut's event.
   */
  public ThreadStreamReader streamFrom(StreamCut cut) throws IOException {
    if (cut.decoder() == null) {
      ThreadStreamReader r = stream(cut.threadId());
      try {
        while (r.position() < cut.events()) {
          if (!r.hasNext()) {
            throw new RecordingFormatException(
                streamFile(dir, cut.threadId()),
                r.byteOffset(),
                "the stream ends after "
                    + r.position()
                    + " determinants, before the cut's "
                    + cut.events());
          }
          r.next();
        }
      } catch (IOException | RuntimeException e) {
        r.close();
        throw e;
      }
      return r;
    }
    stream(cut.threadId()).close(); // the same checks (listed, header) as from the start
    RunEnd.StreamSummary expected = end.map(e -> e.streams().get(cut.threadId())).orElse(null);
    return ThreadStreamReader.openAt(
        streamFile(dir, cut.threadId()), cut.threadId(), expected, cut);
  }

  /**
   * Reads every stream to the end; returns the number of determinants. For tools ("inspect
   * --verify").
   */
  public long verify() throws IOException {
    long n = 0;
    for (String id : threadIds) {
      try (ThreadStreamReader r = stream(id)) {
        while (r.hasNext()) {
          r.next();
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Reads every stream to the end, those with a cut in {@code cuts} (by thread id) that has a
   * decoder state from their cut, the others from their start; returns the number of determinants
   * read. For the supervisor, which reads the log to replay the way the restored process will.
   */
  public long verifyFrom(java.util.Map<String, StreamCut> cuts) throws IOException {
    long n = 0;
    for (String id : threadIds) {
      StreamCut cut = cuts.get(id);
      // An older agent's cut (no decoder state): the whole stream, as before it was recorded.
      boolean fromCut = cut != null && cut.decoder() != null;
      try (ThreadStreamReader r = fromCut ? streamFrom(cut) : stream(id)) {
        while (r.hasNext()) {
          r.next();
          n++;
        }
      }
    }
    return n;
  }

  private static Path streamFile(Path dir, String id) {
    return dir.resolve(Format.THREADS_DIR).resolve(id + Format.STREAM_SUFFIX);
  }
}
