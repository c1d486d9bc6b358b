package io.ftjvm.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line that restores a checkpoint taken by {@link CriuCheckpointEngine}: {@code setsid
 * unshare --pid --fork --mount-proc <criu> restore -D <dir> --tcp-close [--shell-job]}.
 *
 * <p>CRIU runs as process 1 of a new pid namespace, so the restored process gets its original pid
 * even while that pid is still taken on the host (it can stay taken for a second or two after a
 * {@code kill -9}). CRIU stays in the foreground: the command ends when the restored process ends,
 * with its exit status, and killing CRIU (process 1) kills the whole namespace.
 */
public final class CriuRestoreCommand {

  private final CriuInstallation criu;
  private final Path imageDir;
  private boolean shellJob = true;
  private boolean tcpClose = true;
  private String logFile = "restore.log";
  private int logLevel = 2;

  private CriuRestoreCommand(CriuInstallation criu, Path imageDir) {
    this.criu = Objects.requireNonNull(criu, "criu");
    this.imageDir = imageDir.toAbsolutePath().normalize();
  }

  public static CriuRestoreCommand of(CriuInstallation criu, Path imageDir) {
    return new CriuRestoreCommand(criu, imageDir);
  }

  /** Must match {@link CriuDumpOptions#shellJob()} of the dump (default true). */
  public CriuRestoreCommand shellJob(boolean value) {
    this.shellJob = value;
    return this;
  }

  public CriuRestoreCommand tcpClose(boolean value) {
    this.tcpClose = value;
    return this;
  }

  /** CRIU's log, inside the image directory (default {@code restore.log}), and its level 0..4. */
  public CriuRestoreCommand log(String file, int level) {
    this.logFile = Objects.requireNonNull(file, "file");
    this.logLevel = level;
    return this;
  }

  public List<String> command() {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setsid",
                "--wait",
                "unshare",
                "--pid",
                "--fork",
                "--mount-proc",
                criu.binary().toString(),
                "restore",
                "-D",
                imageDir.toString()));
    if (tcpClose) {
      cmd.add("--tcp-close");
    }
    if (shellJob) {
      cmd.add("--shell-job");
    }
    cmd.add("-o");
    cmd.add(logFile);
    cmd.add("-v" + logLevel);
    return cmd;
  }

  @Override
  public String toString() {
    return String.join(" ", command());
  }
}
