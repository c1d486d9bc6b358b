package io.ftjvm.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoint directories of one process, {@code <root>/ckpt-0000000001}, {@code ...02}, and so
 * on, keeping only the newest {@code keep} complete ones.
 *
 * <p>A checkpoint is complete once its {@link CheckpointMetadataFile} is written and valid; a
 * directory without (valid) metadata is a checkpoint that was being written when the process died,
 * or whose metadata is damaged, and is never offered for a restore.
 *
 * <p>Directories are created with their final names and never renamed: CRIU records the files a
 * process has open, and a restore fails if one of them was renamed away. Sequence numbers are
 * recomputed from the directory on every call, so a restored process (whose memory may predate
 * newer checkpoints) never reuses a number.
 */
public final class ImageStore {

  /** Prefix of checkpoint directory names. */
  public static final String PREFIX = "ckpt-";

  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{10,19})");

  private final Path root;
  private final int keep;

  /**
   * @param root directory holding the checkpoint directories (created when needed)
   * @param keep how many complete checkpoints to keep, at least 1
   */
  public ImageStore(Path root, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException(
          "an image store must keep at least 1 checkpoint, not " + keep);
    }
    this.root = root.toAbsolutePath().normalize();
    this.keep = keep;
  }

  public Path root() {
    return root;
  }

  public int keep() {
    return keep;
  }

  /** Creates the (empty) directory for the next checkpoint. */
  public synchronized Path createCheckpointDir() throws IOException {
    Files.createDirectories(root);
    long next = allSequences().keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    for (; ; next++) {
      Path dir = root.resolve(name(next));
      try {
        Files.createDirectory(dir);
        return dir;
      } catch (FileAlreadyExistsException e) {
        // another store object raced us; take the next number
      }
    }
  }

  /** The sequence number encoded in a checkpoint directory's name. */
  public static long sequenceOf(Path checkpointDir) {
    Matcher m = NAME.matcher(checkpointDir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          checkpointDir + " is not a checkpoint directory (" + PREFIX + "<number>)");
    }
    return Long.parseLong(m.group(1));
  }

  /** Complete checkpoints, newest first. */
  public synchronized List<StoredCheckpoint> checkpoints() throws IOException {
    List<StoredCheckpoint> out = new ArrayList<>();
    for (var e : allSequences().descendingMap().entrySet()) {
      readComplete(e.getValue(), e.getKey()).ifPresent(out::add);
    }
    return out;
  }

  /** The newest complete checkpoint, if any. */
  public synchronized Optional<StoredCheckpoint> latest() throws IOException {
    for (var e : allSequences().descendingMap().entrySet()) {
      Optional<StoredCheckpoint> c = readComplete(e.getValue(), e.getKey());
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /**
   * Applies the retention rule: keeps the newest {@code keep} complete checkpoints and deletes the
   * older ones, together with every incomplete directory older than the newest complete checkpoint.
   * Directories newer than the newest complete checkpoint are left alone (one may be being
   * written). Returns the deleted directories.
   */
  public synchronized List<Path> prune() throws IOException {
    List<Path> deleted = new ArrayList<>();
    int completeSeen = 0;
    boolean newerThanNewestComplete = true;
    for (var e : allSequences().descendingMap().entrySet()) {
      boolean complete = readComplete(e.getValue(), e.getKey()).isPresent();
      if (complete) {
        newerThanNewestComplete = false;
        completeSeen++;
        if (completeSeen <= keep) {
          continue;
        }
      } else if (newerThanNewestComplete) {
        continue;
      }
      ImageFiles.deleteRecursively(e.getValue());
      deleted.add(e.getValue());
    }
    return deleted;
  }

  private Optional<StoredCheckpoint> readComplete(Path dir, long sequence) {
    try {
      CheckpointMetadata m = CheckpointMetadataFile.read(dir);
      return Optional.of(new StoredCheckpoint(dir, sequence, m));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Every checkpoint directory, complete or not, by sequence number. */
  private TreeMap<Long, Path> allSequences() throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>(Comparator.naturalOrder());
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p)) {
          try {
            out.put(Long.parseLong(m.group(1)), p);
          } catch (NumberFormatException ignored) {
            // more digits than a long: not one of ours
          }
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    }
    return out;
  }

  private static String name(long sequence) {
    return String.format("%s%010d", PREFIX, sequence);
  }
}
