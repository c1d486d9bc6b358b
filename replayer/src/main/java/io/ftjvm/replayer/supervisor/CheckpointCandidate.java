package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.CheckpointMetadataFile;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    for (String image : REQUIRED_IMAGES) {
      if (!Files.isRegularFile(dir.resolve(image))) {
        return new CheckpointCandidate(
            dir, sequence, checkpoint, "images damaged: " + image + " is missing in " + dir);
      }
    }
    return new CheckpointCandidate(dir, sequence, checkpoint, null);
  }
}
