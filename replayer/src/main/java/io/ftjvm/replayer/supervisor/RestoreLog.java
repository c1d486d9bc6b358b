package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The error lines of a CRIU restore log ({@code restore-<recovery>.log} in the image directory).
 */
final class RestoreLog {

  /**
   * CRIU logs this as an error on every run on these machines (it cannot raise its own file limit
   * inside the sandbox); it is harmless, so it does not count as a failed restore.
   */
  static final String HARMLESS = "Can't setup RLIMIT_NOFILE for self";

  private RestoreLog() {}

  static Path of(PreparedRecovery r) {
    return r.checkpoint().dir().resolve(fileName(r.number()));
  }

  static String fileName(int recovery) {
    return "restore-" + recovery + ".log";
  }

  /** CRIU's {@code Error (...)} lines, without the harmless one; empty when there is no log. */
  static List<String> errors(Path log) {
    List<String> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return out;
    }
    for (String line : lines) {
      if (line.contains("Error (") && !line.contains(HARMLESS)) {
        out.add(line.strip());
      }
    }
    return out;
  }
}
