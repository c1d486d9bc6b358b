package io.ftjvm.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An application's stdout file, read while the application appends to it. */
final class AppOutput {
  private final Path file;

  AppOutput(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  long length() {
    return Files.exists(file) ? file.toFile().length() : 0;
  }

  /** What was appended from byte {@code offset} on. */
  String from(long offset) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long end = f.length();
      if (end <= offset) {
        return "";
      }
      byte[] b = new byte[(int) (end - offset)];
      f.seek(offset);
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  /**
   * Waits until the output from {@code offset} on matches {@code pattern}; fails when {@code alive}
   * turns false or after {@code seconds} (a hang guard).
   */
  Matcher await(Pattern pattern, long offset, int seconds, BooleanSupplier alive) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      Matcher m = pattern.matcher(from(offset));
      if (m.find()) {
        return m;
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(
            "the application ended before printing /" + pattern + "/; see " + file);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no /" + pattern + "/ in " + file + " after " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }
}
