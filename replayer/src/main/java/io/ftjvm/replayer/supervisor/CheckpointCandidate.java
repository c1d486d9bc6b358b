package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.CheckpointMetadataFile;
import io.ftjvm.checkpoint.ImageInventory;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checkpoint directory and whether it can be restored. Unlike {@code ImageStore.checkpoints()},
 * which silently leaves out what it cannot use, this keeps the damaged ones with the reason, so the
 * supervisor and {@code ftjvm status} can say which checkpoint was skipped and why.
 *
 * @param checkpoint the validated checkpoint, or null when it cannot be used
 * @param problem why it cannot be used, or null
 */
public record CheckpointCandidate(
    Path dir, long sequence, StoredCheckpoint checkpoint, String problem) {

  /** Files CRIU cannot restore without; a dump that died early leaves them out. */
  static final List<String> REQUIRED_IMAGES = List.of("inventory.img", "pstree.img");

  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{10,18})");

  public boolean usable() {
    return problem == null;
  }

  /** Every checkpoint directory under {@code checkpointsDir}, newest first. */
  public static List<CheckpointCandidate> newestFirst(Path checkpointsDir) throws IOException {
    TreeMap<Long, Path> dirs = new TreeMap<>();
    if (Files.isDirectory(checkpointsDir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(checkpointsDir)) {
        for (Path p : ds) {
          Matcher m = NAME.matcher(p.getFileName().toString());
          if (m.matches() && Files.isDirectory(p)) {
            dirs.put(Long.parseLong(m.group(1)), p);
          }
        }
      }
    }
    List<CheckpointCandidate> out = new ArrayList<>();
    for (Map.Entry<Long, Path> e : dirs.descendingMap().entrySet()) {
      out.add(examine(e.getValue(), e.getKey()));
    }
    return out;
  }

  static CheckpointCandidate examine(Path dir, long sequence) {
    StoredCheckpoint checkpoint;
    try {
      checkpoint = new StoredCheckpoint(dir, sequence, CheckpointMetadataFile.read(dir));
    } catch (NoSuchFileException e) {
      return new CheckpointCandidate(
          dir,
          sequence,
          null,
          "incomplete: no "
              + CheckpointMetadataFile.FILE_NAME
              + " (the dump failed, or the process died while it was being taken)");
    } catch (IOException | RuntimeException e) {
      return new CheckpointCandidate(dir, sequence, null, "metadata refused: " + e.getMessage());
    }
    Path mark = dir.resolve(ImageInventory.DAMAGED_MARK);
    if (Files.exists(mark)) {
      String why;
      try {
        why = Files.readString(mark, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        why = "(" + mark + " is unreadable: " + e.getMessage() + ")";
      }
      return new CheckpointCandidate(
          dir, sequence, checkpoint, "images damaged (a restore found out): " + why);
    }
    for (String image : REQUIRED_IMAGES) {
      if (!Files.isRegularFile(dir.resolve(image))) {
        return new CheckpointCandidate(
            dir, sequence, checkpoint, "images damaged: " + image + " is missing in " + dir);
      }
    }
    Optional<String> sizes;
    try {
      sizes = ImageInventory.check(dir, checkpoint.metadata());
    } catch (IOException | RuntimeException e) {
      sizes = Optional.of("cannot check the image sizes in " + dir + ": " + e.getMessage());
    }
    if (sizes.isPresent()) {
      return new CheckpointCandidate(dir, sequence, checkpoint, "images damaged: " + sizes.get());
    }
    return new CheckpointCandidate(dir, sequence, checkpoint, null);
  }

  /**
   * Marks a checkpoint whose images CRIU could not read, so that it is skipped from now on (by this
   * supervisor, a later {@code ftjvm restore} and {@code ftjvm status}), with the reason.
   */
  static void markDamaged(Path dir, String why) {
    try {
      AtomicFiles.writeString(dir.resolve(ImageInventory.DAMAGED_MARK), why + "\n");
    } catch (IOException e) {
      // Not fatal: the restore will only fail again, and be skipped again.
    }
  }
}
