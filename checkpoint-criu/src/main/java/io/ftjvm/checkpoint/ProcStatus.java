package io.ftjvm.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/<pid>/status} says about a process: its state letter and the process tracing
 * it. The agent reaps the zombies CRIU leaves by it ({@link ChildReaper}); the supervisor sees by
 * it that a JVM has ended while a CRIU dump still holds it.
 *
 * @param state the letter of the {@code State:} line ('R', 'S', 'Z' for a zombie, ...)
 * @param tracerPid the {@code TracerPid:} line, 0 when nothing traces it; a pid as this process
 *     sees it, so a host pid for the supervisor
 */
public record ProcStatus(char state, long tracerPid) {

  /** The process has exited: a zombie not yet reaped ('Z') or one being reaped ('X'). */
  public boolean ended() {
    return state == 'Z' || state == 'X';
  }

  public boolean traced() {
    return tracerPid > 0;
  }

  /** The status of {@code pid}, or empty when there is no such process (any more). */
  public static Optional<ProcStatus> read(long pid) {
    try {
      return parse(
          Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Empty when the text has no {@code State:} line. */
  public static Optional<ProcStatus> parse(String text) {
    char state = 0;
    long tracer = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("State:")) {
        String value = line.substring("State:".length()).strip();
        state = value.isEmpty() ? 0 : value.charAt(0);
      } else if (line.startsWith("TracerPid:")) {
        try {
          tracer = Long.parseLong(line.substring("TracerPid:".length()).strip());
        } catch (NumberFormatException e) {
          tracer = 0;
        }
      }
    }
    return state == 0 ? Optional.empty() : Optional.of(new ProcStatus(state, tracer));
  }
}
