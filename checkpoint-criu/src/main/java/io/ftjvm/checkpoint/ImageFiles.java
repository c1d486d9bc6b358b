package io.ftjvm.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.stream.Stream;

/** Small file helpers for image directories: their size, and recursive deletion. */
final class ImageFiles {

  private ImageFiles() {}

  /**
   * Sum of the sizes of the regular files directly in {@code dir}, except those named in {@code
   * excluded}.
   */
  static long imageSize(Path dir, Set<String> excluded) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> !excluded.contains(p.getFileName().toString()))
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (NoSuchFileException e) {
                  return 0;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Deletes {@code dir} and everything below it; a missing directory is not an error. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
