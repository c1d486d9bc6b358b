package io.ftjvm.replayer.supervisor;

import io.ftjvm.capture.recording.ThreadIds;
import io.ftjvm.checkpoint.SparseFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code ftjvm status DIR} reports about a state directory: its checkpoints, the log's size
 * per stream (logical, and on disk), the recoveries, and whether the application's process is
 * alive. Read-only.
 */
public record StateStatus(
    StateDir state,
    List<CheckpointCandidate> checkpoints,
    Map<String, Long> streamBytes,
    Map<String, Long> streamDiskBytes,
    List<Recovery> recoveries,
    Long appPid,
    boolean appAlive,
    boolean appRunsThisState,
    boolean endedByItself) {

  /**
   * One recovery directory.
   *
   * @param checkpoint the checkpoint it restored, or -1 when recovery.properties is unreadable
   * @param failed why it could not be used, or null
   */
  public record Recovery(
      int number, Path dir, long checkpoint, boolean live, boolean diverged, String failed) {}

  public long totalLogBytes() {
    return streamBytes.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * What the log takes on disk: its data, without the holes garbage collection left (see {@link
   * #streamDiskBytes}); -1 when a stream could not be measured.
   */
  public long totalLogDiskBytes() {
    long total = 0;
    for (long b : streamDiskBytes.values()) {
      if (b < 0) {
        return -1;
      }
      total += b;
    }
    return total;
  }

  /** Checkpoints oldest first. */
  public List<CheckpointCandidate> checkpointsOldestFirst() {
    List<CheckpointCandidate> out = new ArrayList<>(checkpoints);
    java.util.Collections.reverse(out);
    return out;
  }

  public static StateStatus of(StateDir state, Path proc) throws IOException {
    if (!Files.isDirectory(state.root())) {
      throw new Refusal(state + " is not a directory");
    }
    if (!Files.exists(state.runProperties()) && !Files.isDirectory(state.recording())) {
      throw new Refusal(
          state
              + " is not an ftjvm state directory (it has neither "
              + StateDir.RUN_PROPERTIES
              + " nor recording/)");
    }
    Long pid = readPid(state.appPid());
    boolean alive = pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    boolean ours = false;
    if (alive) {
      try {
        ours = AgentProcess.stateOf(pid, proc).root().equals(state.root());
      } catch (Refusal e) {
        ours = false;
      }
    }
    return new StateStatus(
        state,
        CheckpointCandidate.newestFirst(state.checkpoints()),
        streams(state.threads(), false),
        streams(state.threads(), true),
        recoveries(state),
        pid,
        alive,
        ours,
        Files.exists(state.endFile()));
  }

  private static Long readPid(Path file) {
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * Per stream: its length, or with {@code onDisk} the bytes that are data rather than holes (-1
   * when the file system cannot tell).
   */
  private static Map<String, Long> streams(Path threads, boolean onDisk) throws IOException {
    Map<String, Long> out = new TreeMap<>(ThreadIds.ORDER);
    if (!Files.isDirectory(threads)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(threads, "*.det")) {
      for (Path f : ds) {
        String name = f.getFileName().toString();
        String id = name.substring(0, name.length() - ".det".length());
        if (ThreadIds.isValid(id)) {
          out.put(id, onDisk ? diskBytes(f) : Files.size(f));
        }
      }
    }
    return out;
  }

  private static long diskBytes(Path f) {
    try {
      return SparseFiles.dataBytes(f);
    } catch (IOException | LinkageError e) {
      return -1;
    }
  }

  private static List<Recovery> recoveries(StateDir state) throws IOException {
    List<Recovery> out = new ArrayList<>();
    for (Map.Entry<Integer, Path> e : RecoveryDirs.list(state).entrySet()) {
      Path dir = e.getValue();
      long checkpoint = -1;
      try {
        checkpoint =
            Long.parseLong(
                PropertiesText.read(dir.resolve(StateDir.RECOVERY_PROPERTIES))
                    .getOrDefault("checkpoint.sequence", "-1"));
      } catch (IOException | NumberFormatException ignored) {
        // shown as unknown
      }
      String failed = null;
      Path failedFile = dir.resolve(StateDir.FAILED);
      if (Files.exists(failedFile)) {
        failed = Files.readString(failedFile, StandardCharsets.UTF_8).strip();
      }
      out.add(
          new Recovery(
              e.getKey(),
              dir,
              checkpoint,
              RecoveryDirs.wentLive(dir),
              Files.exists(dir.resolve(StateDir.DIVERGED)),
              failed));
    }
    return out;
  }
}
