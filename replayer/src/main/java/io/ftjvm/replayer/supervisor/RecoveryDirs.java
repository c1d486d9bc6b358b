package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The numbered directories {@code recovery/NNNNNN}, one per recovery attempt. */
public final class RecoveryDirs {

  private static final Pattern NAME = Pattern.compile("\\d{6,9}");

  private RecoveryDirs() {}

  /** Every recovery directory by number, oldest first. */
  public static TreeMap<Integer, Path> list(StateDir state) throws IOException {
    TreeMap<Integer, Path> out = new TreeMap<>();
    Path root = state.recoveries();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (NAME.matcher(name).matches() && Files.isDirectory(p)) {
          out.put(Integer.parseInt(name), p);
        }
      }
    }
    return out;
  }

  /** The newest recovery directory, if any. */
  public static Optional<Map.Entry<Integer, Path>> latest(StateDir state) throws IOException {
    return Optional.ofNullable(list(state).lastEntry());
  }

  public static String name(int number) {
    return String.format("%06d", number);
  }

  public static boolean wentLive(Path recoveryDir) {
    return Files.exists(recoveryDir.resolve(StateDir.LIVE));
  }

  /**
   * How many recoveries were attempted since the application last went live (or started): the
   * newest recovery directories without a {@code live} file.
   */
  public static int attemptsSinceLive(StateDir state) throws IOException {
    int n = 0;
    for (Path dir : list(state).descendingMap().values()) {
      if (wentLive(dir)) {
        break;
      }
      n++;
    }
    return n;
  }
}
