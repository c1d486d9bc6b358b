package io.ftjvm.checkpoint;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checkpoints this JVM with CRIU: libcriu's {@code criu_dump()} called through JNA, with the CRIU
 * binary as service binary, so the JVM dumps itself and (with leave-running) runs on.
 *
 * <p>{@code criu_dump()} returns 0 in this process and 1 in a process restored from the image; that
 * is how {@link CheckpointResult#outcome()} is known. After every dump the zombie that libcriu
 * leaves behind is reaped ({@link ChildReaper}).
 *
 * <p>Restore with {@link CriuRestoreCommand}. For restores to work the JVM should run with {@code
 * -XX:-UsePerfData}, without JFR, with its output going to files opened for append (not pipes); see
 * this module's README.
 */
public final class CriuCheckpointEngine implements CheckpointEngine {

  private static final int EBADE = 52;
  private static final int ECONNREFUSED = 111;
  private static final int ECOMM = 70;
  private static final int EINVAL = 22;
  private static final int EBADMSG = 74;

  private final CriuInstallation criu;
  private final CriuDumpOptions options;
  private final Path libcriu;
  private LibCriu lib;

  public CriuCheckpointEngine(CriuInstallation criu) {
    this(criu, CriuDumpOptions.DEFAULTS);
  }

  /**
   * @throws IllegalArgumentException when the installation has no libcriu
   */
  public CriuCheckpointEngine(CriuInstallation criu, CriuDumpOptions options) {
    this.criu = Objects.requireNonNull(criu, "criu");
    this.options = Objects.requireNonNull(options, "options");
    this.libcriu =
        criu.libcriuPath()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no libcriu.so.2 known for "
                            + criu
                            + ": a JVM cannot checkpoint itself without it (run "
                            + CriuLocator.PROVISION_SCRIPT
                            + ")"));
  }

  public CriuInstallation installation() {
    return criu;
  }

  public CriuDumpOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "criu";
  }

  @Override
  public synchronized CheckpointResult checkpoint(Path imageDir) throws CheckpointException {
    Path dir = imageDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CheckpointException("cannot create image directory " + dir + ": " + e, e);
    }
    if (lib == null) {
      lib = NativeCriu.load(libcriu);
    }
    LibC libc = LibC.get();
    ChildReaper reaper = new ChildReaper(libc);
    int fd;
    try {
      fd = libc.open(dir.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new CheckpointException(
          "cannot open image directory " + dir + ": errno " + e.getErrorCode(), e);
    }
    try {
      if (lib.criu_init_opts() < 0) {
        throw new CheckpointException("criu_init_opts failed (out of memory?)");
      }
      try {
        if (lib.criu_set_service_binary(criu.binary().toString()) < 0) {
          throw new CheckpointException("criu_set_service_binary(" + criu.binary() + ") failed");
        }
        lib.criu_set_images_dir_fd(fd);
        lib.criu_set_leave_running(options.leaveRunning());
        lib.criu_set_tcp_close(options.tcpClose());
        lib.criu_set_shell_job(options.shellJob());
        lib.criu_set_file_locks(options.fileLocks());
        lib.criu_set_log_level(options.logLevel());
        if (lib.criu_set_log_file(options.logFile()) < 0) {
          throw new CheckpointException("criu_set_log_file(" + options.logFile() + ") failed");
        }

        Set<Integer> childrenBefore = reaper.children();
        long start = System.nanoTime();
        int rc = lib.criu_dump();
        long elapsed = System.nanoTime() - start;
        reaper.reapNewZombies(childrenBefore, 1000);

        if (rc < 0) {
          throw new CheckpointException(
              "CRIU dump into "
                  + dir
                  + " failed: criu_dump returned "
                  + rc
                  + " ("
                  + describe(rc)
                  + ")"
                  + SessionLeader.outsideNamespaceHint(Path.of("/proc/self/stat"))
                      .map(hint -> ": " + hint)
                      .orElse("")
                  + logTail(dir.resolve(options.logFile())));
        }
        long size = imageSize(dir);
        if (rc == 0) {
          return new CheckpointResult(
              CheckpointResult.Outcome.ORIGINAL, dir, Duration.ofNanos(elapsed), size);
        }
        return new CheckpointResult(CheckpointResult.Outcome.RESTORED, dir, Duration.ZERO, size);
      } finally {
        lib.criu_free_opts();
      }
    } finally {
      try {
        libc.close(fd);
      } catch (LastErrorException ignored) {
        // after a restore the descriptor may not exist any more
      }
    }
  }

  private long imageSize(Path dir) throws CheckpointException {
    try (var files = Files.list(dir)) {
      Set<String> excluded =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".log") || n.startsWith(CheckpointMetadataFile.FILE_NAME))
              .collect(Collectors.toSet());
      return ImageFiles.imageSize(dir, excluded);
    } catch (IOException e) {
      throw new CheckpointException("cannot measure the image in " + dir + ": " + e, e);
    }
  }

  static String describe(int rc) {
    switch (-rc) {
      case EBADE:
        return "CRIU reported a failure";
      case ECONNREFUSED:
        return "cannot start or connect to the CRIU service binary";
      case ECOMM:
        return "lost the connection to CRIU";
      case EINVAL:
        return "CRIU does not support this request";
      case EBADMSG:
        return "unexpected response from CRIU";
      default:
        return "errno " + (-rc);
    }
  }

  /** The CRIU log's error lines and last lines, for an error message. */
  static String logTail(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "; no CRIU log at " + log;
    }
    // "Can't setup RLIMIT_NOFILE for self" is logged as an error by every CRIU run here,
    // harmlessly.
    List<String> errors =
        lines.stream()
            .filter(l -> l.contains("Error") && !l.contains("RLIMIT_NOFILE for self"))
            .limit(20)
            .collect(Collectors.toList());
    List<String> tail = lines.subList(Math.max(0, lines.size() - 10), lines.size());
    StringBuilder sb = new StringBuilder("; CRIU log ").append(log).append(':');
    for (String l : errors) {
      sb.append("\n    ").append(l);
    }
    if (!errors.isEmpty()) {
      sb.append("\n    ...");
    }
    for (String l : tail) {
      if (!errors.contains(l)) {
        sb.append("\n    ").append(l);
      }
    }
    return sb.toString();
  }
}
