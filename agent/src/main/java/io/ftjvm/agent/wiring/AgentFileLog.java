package io.ftjvm.agent.wiring;

import io.ftjvm.bootstrap.AgentLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The agent's own log: errors from hooks and advice, and what the agent did. Written to a file
 * opened for append (a restored process can keep writing to it), never to the application's stdout.
 * Errors also go to stderr once, so they are not missed.
 */
public final class AgentFileLog implements AgentLog.Sink {
  private final Writer out;
  private final boolean debug;
  private boolean toldStderr;

  private AgentFileLog(Writer out, boolean debug) {
    this.out = out;
    this.debug = debug;
  }

  /** A log to the given file, or to nothing but stderr for errors when the file is null. */
  public static AgentFileLog open(Path file, String level) throws IOException {
    Writer writer = null;
    if (file != null) {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return new AgentFileLog(writer, "debug".equals(level));
  }

  public synchronized void info(String message) {
    write("INFO", message, null);
  }

  public synchronized void debug(String message) {
    if (debug) {
      write("DEBUG", message, null);
    }
  }

  @Override
  public synchronized void error(String what, Throwable cause) {
    write("ERROR", what, cause);
    if (!toldStderr) {
      toldStderr = true;
      System.err.println(
          "[ftjvm] agent error: "
              + what
              + (cause != null ? ": " + cause : "")
              + (out != null ? " (details in the agent log)" : ""));
    }
  }

  private void write(String level, String message, Throwable cause) {
    if (out == null) {
      return;
    }
    try {
      out.write(
          Instant.ofEpochMilli(System.currentTimeMillis()) + " " + level + " " + message + "\n");
      if (cause != null) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        out.write(trace.toString());
      }
      out.flush();
    } catch (IOException ignored) {
      // Nowhere left to report to.
    }
  }
}
