package io.ftjvm.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether CRIU can dump this process's session. CRIU refuses a process whose session leader lives
 * outside the process's pid namespace ("A session leader of N is outside of its pid namespace"),
 * which is what any process started inside a container or CI sandbox from a shell outside it looks
 * like: the kernel reports its session id as 0. {@code shell-job} does not help with that; the only
 * cure is to start the JVM as its own session leader ({@code setsid java ...}), which {@code ftjvm
 * run} does. Checking first turns CRIU's log line into an error that says what to do.
 */
final class SessionLeader {

  private SessionLeader() {}

  /**
   * Why CRIU failed, when the session leader is outside this pid namespace; empty otherwise. Asked
   * after a failed dump rather than before, so that a failure with another cause (CRIU missing,
   * say) is still reported as itself.
   */
  static Optional<String> outsideNamespaceHint(Path procStat) {
    String stat;
    try {
      stat = Files.readString(procStat, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return Optional.empty(); // no /proc: CRIU's log says what is wrong
    }
    if (sessionId(stat) != 0) {
      return Optional.empty();
    }
    return Optional.of(
        "this JVM's session leader is outside its pid namespace ("
            + procStat
            + " reports session 0), which CRIU cannot dump; it happens when a JVM is started"
            + " inside a container or sandbox from a shell outside it. Start the JVM as its own"
            + " session leader: `setsid java ...` (ftjvm run does this)");
  }

  /**
   * The session field (the 6th) of a {@code /proc/<pid>/stat} line; the command name in parentheses
   * may itself contain spaces and parentheses, so fields are counted after the last ')'.
   *
   * @throws IllegalArgumentException for a line that is not a stat line
   */
  static long sessionId(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    // after ')': state ppid pgrp session ...
    String[] fields = stat.substring(close + 1).trim().split("\\s+");
    if (fields.length < 4) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    return Long.parseLong(fields[3]);
  }
}
