package io.ftjvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes benchmark recordings (they grow fast). */
final class Cleanup {
  private Cleanup() {}

  static long deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    long bytes = 0;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        if (Files.isRegularFile(p)) {
          bytes += Files.size(p);
        }
        Files.delete(p);
      }
    }
    return bytes;
  }
}
