package io.ftjvm.agent.ft;

import io.ftjvm.capture.recording.CollectedPrefix;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.StreamCutEntries;
import io.ftjvm.checkpoint.SparseFiles;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Garbage collection of the determinant log: once a checkpoint is complete and the old ones are
 * pruned, the part of each stream that no kept checkpoint's recovery reads any more has its disk
 * blocks freed. Recovery reads a stream from the restored checkpoint's cut, and checks the sealed
 * block just before it; so what lies before the last block before the cut of every kept checkpoint
 * is not needed. The file keeps its size and every offset (CRIU restores its descriptor and checks
 * its size; cuts are offsets): the range is punched, and a {@link CollectedPrefix} mark put in
 * front of it, written and forced <em>before</em> the punch, makes a reader from the start refuse.
 *
 * <p>Done by the agent rather than the supervisor: the agent knows the moment a checkpoint became
 * complete and the old ones were pruned (the supervisor only acts when the process is gone), and it
 * already holds the native access (JNA) the punch needs.
 */
final class LogCollector {
  private LogCollector() {}

  /** What one pass freed. */
  record Result(int streams, long bytesFreed) {}

  /**
   * Frees, in every stream of {@code threads}, what the {@code kept} checkpoints do not need. A
   * stream that one of them does not know, or knows without a decoder state (an older agent's cut),
   * is left whole.
   */
  static Result collect(Path threads, List<StoredCheckpoint> kept) throws IOException {
    if (kept.isEmpty() || !Files.isDirectory(threads)) {
      return new Result(0, 0);
    }
    Map<String, Long> floor = new HashMap<>();
    long oldest = Long.MAX_VALUE;
    boolean first = true;
    for (StoredCheckpoint c : kept) {
      oldest = Math.min(oldest, c.sequence());
      Map<String, Long> here = new HashMap<>();
      for (StreamCut s : StreamCutEntries.parse(c.metadata().cut())) {
        if (s.decoder() != null) {
          here.put(s.fileName(), s.decoder().lastBlock());
        }
      }
      if (first) {
        floor.putAll(here);
        first = false;
      } else {
        floor.keySet().retainAll(here.keySet());
        floor.replaceAll((name, at) -> Math.min(at, here.get(name)));
      }
    }
    int streams = 0;
    long freed = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(threads, "*.det")) {
      for (Path f : ds) {
        Long needed = floor.get(f.getFileName().toString());
        if (needed == null) {
          continue;
        }
        long horizon = needed / SparseFiles.BLOCK * SparseFiles.BLOCK;
        long markEnd = CollectedPrefix.firstBlock(f) + CollectedPrefix.LENGTH;
        long firstFree = (markEnd + SparseFiles.BLOCK - 1) / SparseFiles.BLOCK * SparseFiles.BLOCK;
        if (horizon <= firstFree) {
          continue; // less than one whole disk block to free
        }
        var mark = CollectedPrefix.read(f);
        if (mark.isPresent() && mark.get().horizon() >= horizon) {
          continue; // done by an earlier pass
        }
        CollectedPrefix.write(f, horizon, oldest);
        freed += SparseFiles.punchHole(f, markEnd, horizon);
        streams++;
      }
    }
    return new Result(streams, freed);
  }
}
