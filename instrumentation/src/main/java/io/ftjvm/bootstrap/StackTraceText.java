package io.ftjvm.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Stack traces as a recording keeps them (a STACK_TRACES event's text), and back: per thread a line
 * with its number of frames, then a line per frame with the seven fields of a {@link
 * StackTraceElement} separated by tabs (class loader, module, module version, class, method, file,
 * line), a field that is absent written as a lone NUL, which none of them can contain.
 *
 * <p>The agent's own frames are left out when a trace is taken ({@link #withoutAgentFrames}): a
 * thread that calls through a hook, or waits in the agent's line for its turn, would otherwise show
 * frames that the program run without the agent never has (and a program that picks its caller out
 * of its own trace by position would pick another).
 */
final class StackTraceText {
  private static final String ABSENT = "\0";

  private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

  private StackTraceText() {}

  /**
   * {@code trace} without the agent's frames. For another thread, the JDK frames the agent called
   * go too: such a thread is most often parked in the agent's line, waiting for its turn, which
   * without the agent it never does. The asking thread's own trace keeps them: the hook it is in
   * called the JDK's method on its behalf.
   */
  static StackTraceElement[] withoutAgentFrames(StackTraceElement[] trace, boolean askersOwn) {
    boolean[] kept = programFrames(trace, askersOwn);
    List<StackTraceElement> frames = new ArrayList<>(trace.length);
    for (int i = 0; i < trace.length; i++) {
      if (kept[i]) {
        frames.add(trace[i]);
      }
    }
    return frames.size() == trace.length ? trace : frames.toArray(new StackTraceElement[0]);
  }

  /** Which frames of {@code trace} {@link #withoutAgentFrames} keeps, by index. */
  static boolean[] programFrames(StackTraceElement[] trace, boolean askersOwn) {
    boolean[] kept = new boolean[trace.length];
    // JDK frames not yet known to be the program's: those above an agent frame were called by it.
    List<Integer> jdkAbove = new ArrayList<>();
    for (int i = 0; i < trace.length; i++) {
      if (AgentFrames.isAgents(trace[i])) {
        if (!askersOwn) {
          jdkAbove.clear();
        }
      } else if (isJdks(trace[i].getClassName())) {
        jdkAbove.add(i);
      } else {
        keep(kept, jdkAbove);
        kept[i] = true;
      }
    }
    keep(kept, jdkAbove);
    return kept;
  }

  private static void keep(boolean[] kept, List<Integer> indexes) {
    for (int i : indexes) {
      kept[i] = true;
    }
    indexes.clear();
  }

  private static boolean isJdks(String className) {
    for (String prefix : JDK_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The text of these traces, in order. */
  static String of(StackTraceElement[][] traces) {
    StringBuilder text = new StringBuilder();
    for (StackTraceElement[] trace : traces) {
      text.append(trace.length).append('\n');
      for (StackTraceElement f : trace) {
        field(text, f.getClassLoaderName()).append('\t');
        field(text, f.getModuleName()).append('\t');
        field(text, f.getModuleVersion()).append('\t');
        field(text, f.getClassName()).append('\t');
        field(text, f.getMethodName()).append('\t');
        field(text, f.getFileName()).append('\t');
        text.append(f.getLineNumber()).append('\n');
      }
    }
    return text.toString();
  }

  private static StringBuilder field(StringBuilder text, String value) {
    return text.append(value == null ? ABSENT : value);
  }

  /**
   * The traces a text holds.
   *
   * @throws IllegalArgumentException naming the line that is not as {@link #of} writes it
   */
  static StackTraceElement[][] parse(String text) {
    if (text.isEmpty()) {
      return new StackTraceElement[0][];
    }
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("stack trace text: cut short (no newline at its end)");
    }
    // Every line ends with a newline: the last element of the split is the empty rest.
    String[] lines = text.split("\n", -1);
    int last = lines.length - 2;
    List<StackTraceElement[]> traces = new ArrayList<>();
    int i = 0;
    while (i <= last) {
      int frames = count(lines[i], i);
      if (i + frames > last) {
        throw new IllegalArgumentException(
            "stack trace text: line " + (i + 1) + " announces " + frames + " frames, fewer follow");
      }
      StackTraceElement[] trace = new StackTraceElement[frames];
      for (int f = 0; f < frames; f++) {
        trace[f] = frame(lines[i + 1 + f], i + 2 + f);
      }
      traces.add(trace);
      i += 1 + frames;
    }
    return traces.toArray(new StackTraceElement[0][]);
  }

  private static int count(String line, int index) {
    try {
      int n = Integer.parseInt(line);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "stack trace text: line " + (index + 1) + " should be a number of frames: '" + line + "'");
  }

  private static StackTraceElement frame(String line, int lineNumber) {
    String[] f = line.split("\t", -1);
    if (f.length != 7 || f[3].equals(ABSENT) || f[4].equals(ABSENT)) {
      throw new IllegalArgumentException(
          "stack trace text: line " + lineNumber + " is not a frame: '" + line + "'");
    }
    try {
      return new StackTraceElement(
          orNull(f[0]),
          orNull(f[1]),
          orNull(f[2]),
          f[3],
          f[4],
          orNull(f[5]),
          Integer.parseInt(f[6]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "stack trace text: line " + lineNumber + " has no line number: '" + line + "'");
    }
  }

  private static String orNull(String field) {
    return field.equals(ABSENT) ? null : field;
  }
}
