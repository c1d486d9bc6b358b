package io.ftjvm.replayer.cli;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.nio.charset.StandardCharsets;

/** A determinant in one readable line. */
final class EventText {
  private EventText() {}

  static String of(Determinant d) {
    StringBuilder line = new StringBuilder(String.format("%-19s", d.type()));
    if (d.type().hasChannel()) {
      line.append(" channel=").append(d.channel());
    }
    if (d.type().hasValue()) {
      line.append(" value=").append(d.value());
    }
    if (d.type() == EventType.QUEUE_VIEW) {
      line.append(queueView(d.value()));
    } else if (d.type() == EventType.JVM_REAL) {
      // Logged as its bits, so that the replay answers exactly the number read: shown as a number.
      line.append(" (").append(Double.longBitsToDouble(d.value())).append(')');
    }
    if (d.type() == EventType.QUEUED_THREADS) {
      line.append(queuedThreads(d.text()));
    } else if (d.type() == EventType.THREADS_LISTED) {
      line.append(listedThreads(d.text()));
    } else if (d.type() == EventType.STACK_TRACES) {
      line.append(stackTraces(d.text()));
    } else if (d.type() == EventType.THREAD_INFO) {
      line.append(threadInfos(d.text()));
    } else if (d.text() != null && !d.text().isEmpty()) {
      line.append(" ").append(d.text());
    }
    if (d.bytes() != null) {
      line.append(" bytes=").append(d.bytes().length).append(" ").append(preview(d.bytes()));
    }
    return line.toString();
  }

  /** A QUEUE_VIEW's value in words (its layout: docs/recording-format.md, code 34). */
  static String queueView(long view) {
    return " ("
        + (view >> 2)
        + " waiting"
        + ((view & 2) != 0 ? ", contended" : "")
        + ((view & 1) != 0 ? ", some ahead of the asker" : "")
        + ")";
  }

  /** A QUEUED_THREADS's text in words: the logical ids of the threads in the answer. */
  static String queuedThreads(String ids) {
    return ids == null || ids.isEmpty() ? " (none waiting)" : " (waiting: threads " + ids + ")";
  }

  /**
   * A THREADS_LISTED's text in words: the logical ids of the threads listed, and the names of those
   * that are not the application's (which the recording keeps after a {@code ~}).
   */
  static String listedThreads(String lines) {
    if (lines == null || lines.isEmpty()) {
      return " (no threads alive)";
    }
    StringBuilder words = new StringBuilder(" (alive: ");
    String[] threads = lines.split("\n");
    for (int i = 0; i < threads.length; i++) {
      words.append(i == 0 ? "" : ", ");
      words.append(
          threads[i].startsWith("~")
              ? "'" + threads[i].substring(1) + "' (not the application's)"
              : threads[i]);
    }
    return words.append(")").toString();
  }

  /**
   * A STACK_TRACES's text in words: how many traces and frames, and each trace's top frame (the
   * whole text is in --json).
   */
  static String stackTraces(String text) {
    if (text == null || text.isEmpty()) {
      return " (no threads)";
    }
    String[] lines = text.split("\n");
    StringBuilder tops = new StringBuilder();
    int traces = 0;
    int frames = 0;
    for (int i = 0; i < lines.length; ) {
      int n;
      try {
        n = Integer.parseInt(lines[i]);
      } catch (NumberFormatException e) {
        return " (unreadable traces)";
      }
      String top = n > 0 && i + 1 < lines.length ? topFrame(lines[i + 1]) : "empty";
      tops.append(traces == 0 ? "" : ", ").append(top);
      traces++;
      frames += n;
      i += 1 + n;
    }
    return " (" + traces + " traces, " + frames + " frames; tops: " + tops + ")";
  }

  /**
   * A THREAD_INFO's text in words: each info's thread name and state (the whole text, an item per
   * line, is in --json). Its layout (docs/recording-format.md) nests items between a line that is
   * "{" or ends an item's name with "{", and a line "}"; an info's own items are at depth 1.
   */
  static String threadInfos(String text) {
    String[] lines = text == null ? new String[0] : text.split("\n");
    if (lines.length == 0 || !lines[0].matches("\\d+")) {
      return " (unreadable thread infos)";
    }
    java.util.List<String> infos = new java.util.ArrayList<>();
    int depth = 0;
    String name = "?";
    String state = "?";
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      if (depth == 0 && l.equals("-")) {
        infos.add("none");
      } else if (l.equals("{") || l.matches("[A-Za-z]+\\{")) {
        depth++;
        if (depth == 1) {
          name = "?";
          state = "?";
        }
      } else if (l.equals("}")) {
        depth--;
        if (depth == 0) {
          infos.add(name + " " + state);
        }
      } else if (depth == 1 && l.startsWith("threadName=")) {
        name = "'" + l.substring("threadName=".length()) + "'";
      } else if (depth == 1 && l.startsWith("threadState=")) {
        state = l.substring("threadState=".length());
      }
    }
    return " (" + infos.size() + " thread infos: " + String.join(", ", infos) + ")";
  }

  /** class.method of a frame line (its fields are tab-separated: loader, module, version, ...). */
  private static String topFrame(String frame) {
    String[] f = frame.split("\t", -1);
    return f.length == 7 ? f[3] + "." + f[4] : "?";
  }

  /** The first bytes, as text when printable, else hex. */
  static String preview(byte[] bytes) {
    int n = Math.min(bytes.length, 24);
    boolean printable = true;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      printable &= b >= 0x20 && b < 0x7f;
    }
    String shown;
    if (printable) {
      shown = "\"" + new String(bytes, 0, n, StandardCharsets.ISO_8859_1) + "\"";
    } else {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < n; i++) {
        hex.append(String.format("%02x", bytes[i] & 0xff));
      }
      shown = hex.toString();
    }
    return shown + (bytes.length > n ? "..." : "");
  }
}
