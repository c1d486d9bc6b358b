package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Step 3 of "Recovery, step by step" (docs/fault-tolerance.md): saves the log as the crash left it
 * into a new {@code recovery/NNNNNN/threads}, rolls {@code recording/threads} back to the
 * checkpoint's cut, and points {@code recovery/current} at the new directory.
 *
 * <p>The saved log is copied from {@code recording/threads}, or from the previous recovery's saved
 * log when that recovery never went live: its restored process may have died halfway through the
 * replay, leaving {@code recording/threads} shorter than the log the crash left.
 *
 * <p>Every stream of the cut is checked against the saved log before anything in {@code
 * recording/threads} changes, so a refusal leaves the log as it was and an older checkpoint can be
 * tried.
 */
public final class RecoveryPreparation {

  private static final int ZEROS = 64 * 1024;

  private final StateDir state;
  private final Clock clock;

  public RecoveryPreparation(StateDir state, Clock clock) {
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public RecoveryPreparation(StateDir state) {
    this(state, Clock.systemUTC());
  }

  /**
   * Prepares the restore of {@code checkpoint}.
   *
   * @throws RollbackRefusedException when the log cannot be rolled back to this checkpoint's cut
   *     (the recovery directory then holds the saved log and a {@code failed} file saying why)
   * @throws LogDamagedException when the saved log does not read back (the recovery directory then
   *     holds a {@code failed} file saying where)
   * @throws IOException when the state directory cannot be read or written
   */
  public PreparedRecovery prepare(StoredCheckpoint checkpoint)
      throws IOException, RollbackRefusedException, LogDamagedException {
    List<StreamCut> cut;
    try {
      cut = StreamCuts.of(checkpoint.metadata());
    } catch (IllegalArgumentException e) {
      throw new RollbackRefusedException(
          "checkpoint " + checkpoint.sequence() + " has a malformed cut: " + e.getMessage());
    }
    Path source = logSource();
    int number = nextNumber();
    Path dir = createRecoveryDir(number);
    Path saved = dir.resolve("threads");
    copyStreams(source, saved);
    writeProperties(dir, number, checkpoint, source);
    PreparedRecovery prepared = new PreparedRecovery(number, dir, checkpoint, source);

    try {
      checkSavedLogCovers(cut, saved, checkpoint);
    } catch (RollbackRefusedException e) {
      AtomicFiles.writeString(dir.resolve(StateDir.FAILED), e.getMessage() + "\n");
      throw e;
    }
    try {
      SavedLog.verify(state, dir, cut);
    } catch (LogDamagedException e) {
      AtomicFiles.writeString(dir.resolve(StateDir.FAILED), e.getMessage() + "\n");
      throw e;
    }
    rollBack(cut, saved, source.equals(state.threads()));
    AtomicFiles.writeString(state.currentRecovery(), dir.toString());
    return prepared;
  }

  /** Where the log the crash left is: see the class comment. */
  Path logSource() throws IOException {
    var latest = RecoveryDirs.latest(state);
    if (latest.isPresent()) {
      Path previous = latest.get().getValue();
      Path threads = previous.resolve("threads");
      if (!RecoveryDirs.wentLive(previous) && Files.isDirectory(threads)) {
        return threads;
      }
    }
    return state.threads();
  }

  private int nextNumber() throws IOException {
    return RecoveryDirs.latest(state).map(e -> e.getKey() + 1).orElse(1);
  }

  private Path createRecoveryDir(int first) throws IOException {
    Files.createDirectories(state.recoveries());
    for (int n = first; ; n++) {
      Path dir = state.recoveries().resolve(RecoveryDirs.name(n));
      try {
        return Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // someone else took the number (a second supervisor?): take the next one
      }
    }
  }

  /**
   * Copies every {@code *.det} of {@code source} into {@code target}, through a temporary directory
   * renamed at the end: a {@code threads/} directory always holds a complete copy.
   */
  private static void copyStreams(Path source, Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.createDirectories(tmp);
    if (Files.isDirectory(source)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(source, "*.det")) {
        for (Path f : ds) {
          if (Files.isRegularFile(f)) {
            StreamCopy.copyWhole(f, tmp.resolve(f.getFileName().toString()));
          }
        }
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private void writeProperties(Path dir, int number, StoredCheckpoint checkpoint, Path source)
      throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("recovery", Integer.toString(number));
    p.put("incarnation", Integer.toString(number));
    p.put("checkpoint.sequence", Long.toString(checkpoint.sequence()));
    p.put("checkpoint.dir", checkpoint.dir().toAbsolutePath().normalize().toString());
    p.put("log.source", source.toAbsolutePath().normalize().toString());
    p.put("time", clock.instant().toString());
    AtomicFiles.writeString(
        dir.resolve(StateDir.RECOVERY_PROPERTIES),
        PropertiesText.format("written by the ftjvm supervisor before a restore", p));
  }

  private static void checkSavedLogCovers(
      List<StreamCut> cut, Path saved, StoredCheckpoint checkpoint)
      throws IOException, RollbackRefusedException {
    for (StreamCut s : cut) {
      Path f = saved.resolve(s.fileName());
      if (!Files.isRegularFile(f)) {
        throw new RollbackRefusedException(
            "cannot roll the log back to checkpoint "
                + checkpoint.sequence()
                + ": "
                + f
                + " is missing, but the checkpoint's cut needs its first "
                + s.position()
                + " bytes (stream."
                + s.threadId()
                + ".position)");
      }
      long length = Files.size(f);
      if (length < s.position()) {
        throw new RollbackRefusedException(
            "cannot roll the log back to checkpoint "
                + checkpoint.sequence()
                + ": "
                + f
                + " is "
                + length
                + " bytes long, but the checkpoint's cut needs at least "
                + s.position()
                + " (stream."
                + s.threadId()
                + ".position)");
      }
    }
  }

  /**
   * Makes {@code recording/threads} what it was at the cut: streams the cut does not know are
   * deleted, the others hold the saved log's first {@code position} bytes, then zeros up to {@code
   * size}. Files are rewritten in place rather than replaced, so they keep their inode.
   *
   * @param prefixInPlace true when the saved log was copied from {@code recording/threads} just
   *     now, so the bytes before each position are already there
   */
  private void rollBack(List<StreamCut> cut, Path saved, boolean prefixInPlace) throws IOException {
    Path threads = state.threads();
    Files.createDirectories(threads);
    Set<String> keep = new HashSet<>();
    cut.forEach(s -> keep.add(s.fileName()));
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(threads, "*.det")) {
      for (Path f : ds) {
        if (!keep.contains(f.getFileName().toString())) {
          Files.delete(f);
        }
      }
    }
    for (StreamCut s : cut) {
      Path target = threads.resolve(s.fileName());
      try (FileChannel out =
          FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (!prefixInPlace || out.size() < s.position()) {
          StreamCopy.copy(saved.resolve(s.fileName()), out, s.position());
        }
        zeroFill(out, s.position(), s.fileLength());
        out.truncate(s.fileLength());
        out.force(true);
      }
    }
  }

  private static void zeroFill(FileChannel out, long from, long to) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(ZEROS);
    long at = from;
    while (at < to) {
      zeros.clear().limit((int) Math.min(ZEROS, to - at));
      while (zeros.hasRemaining()) {
        at += out.write(zeros, at);
      }
    }
  }
}
