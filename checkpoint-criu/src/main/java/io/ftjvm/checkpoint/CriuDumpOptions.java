package io.ftjvm.checkpoint;

import java.util.Objects;

/**
 * Options of a CRIU self-dump.
 *
 * @param leaveRunning keep the process running after the dump (the normal case for a checkpoint)
 * @param tcpClose dump TCP connections so that they come back closed (they never survive a crash;
 *     needed for a process with open TCP sockets)
 * @param shellJob allow a process whose session or process group leader is outside the dump
 *     (anything started from a shell or by a test runner); restore with {@code --shell-job}
 * @param fileLocks dump file locks
 * @param logLevel CRIU log level, 0 (messages) to 4 (debug)
 * @param logFile CRIU's log, written into the image directory
 */
public record CriuDumpOptions(
    boolean leaveRunning,
    boolean tcpClose,
    boolean shellJob,
    boolean fileLocks,
    int logLevel,
    String logFile) {

  /** leave-running, tcp-close, shell-job; warnings and errors logged to {@code dump.log}. */
  public static final CriuDumpOptions DEFAULTS =
      new CriuDumpOptions(true, true, true, false, LibCriu.CRIU_LOG_WARN, "dump.log");

  public CriuDumpOptions {
    Objects.requireNonNull(logFile, "logFile");
    if (logLevel < 0 || logLevel > 4) {
      throw new IllegalArgumentException("CRIU log level must be 0..4: " + logLevel);
    }
    if (logFile.isEmpty() || logFile.contains("/")) {
      throw new IllegalArgumentException(
          "the CRIU log file is a plain name inside the image directory: '" + logFile + "'");
    }
  }

  public CriuDumpOptions withLogLevel(int level) {
    return new CriuDumpOptions(leaveRunning, tcpClose, shellJob, fileLocks, level, logFile);
  }

  public CriuDumpOptions withShellJob(boolean value) {
    return new CriuDumpOptions(leaveRunning, tcpClose, value, fileLocks, logLevel, logFile);
  }
}
