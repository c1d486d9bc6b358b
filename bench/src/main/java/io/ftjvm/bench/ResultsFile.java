package io.ftjvm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * bench/RESULTS.md as a set of named sections, each between {@code <!-- bench:NAME:begin -->} and
 * {@code <!-- bench:NAME:end -->}. Running one part of the benchmarks replaces only its own
 * sections, so the figures of the other parts (and any text outside the markers) stay.
 */
final class ResultsFile {
  private final Path file;

  ResultsFile(Path file) {
    this.file = file;
  }

  /** Replaces section {@code name} with {@code lines}, or appends it when it is not there yet. */
  void replaceSection(String name, List<String> lines) throws IOException {
    String text =
        Files.exists(file)
            ? Files.readString(file, StandardCharsets.UTF_8)
            : "# Benchmark results\n";
    Files.writeString(file, replace(text, name, lines), StandardCharsets.UTF_8);
  }

  static String replace(String text, String name, List<String> lines) {
    String begin = "<!-- bench:" + name + ":begin -->";
    String end = "<!-- bench:" + name + ":end -->";
    String section = begin + "\n" + String.join("\n", lines) + "\n" + end;
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b >= 0 && e > b) {
      return text.substring(0, b) + section + text.substring(e + end.length());
    }
    if (b >= 0 || e >= 0) {
      throw new IllegalStateException(
          "RESULTS.md has only one of the markers " + begin + " and " + end + ": fix it by hand");
    }
    String base = text.endsWith("\n") ? text : text + "\n";
    return base + "\n" + section + "\n";
  }
}
