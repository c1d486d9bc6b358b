package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * {@code supervisor.log}: one line per action, with its time; each line is also printed on stderr
 * with a prefix such as {@code ftjvm run:}, so a person watching sees the same story.
 */
public final class SupervisorLog {

  private final Path file;
  private final String prefix;
  private final PrintStream console;
  private final Clock clock;

  public SupervisorLog(Path file, String prefix, PrintStream console, Clock clock) {
    this.file = file;
    this.prefix = prefix;
    this.console = console;
    this.clock = clock;
  }

  public synchronized void log(String message) {
    console.println(prefix + " " + message);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          clock.instant() + " " + message.replace("\n", "\n    ") + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      console.println(prefix + " (cannot write " + file + ": " + e.getMessage() + ")");
    }
  }
}
