package io.ftjvm.replayer.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The replayed program did something other than what the recording says. Carries everything the
 * report needs, in Java terms: which logical thread, at which event, what was expected and what
 * happened instead.
 */
public final class Divergence extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String threadId;
  private final long eventIndex;
  private final String expected;
  private final String actual;
  private final String hint;

  public Divergence(String threadId, long eventIndex, String expected, String actual, String hint) {
    super(
        "thread "
            + threadId
            + ", event "
            + eventIndex
            + ": expected "
            + expected
            + ", but the program "
            + actual);
    this.threadId = threadId;
    this.eventIndex = eventIndex;
    this.expected = expected;
    this.actual = actual;
    this.hint = hint;
  }

  public String threadId() {
    return threadId;
  }

  public long eventIndex() {
    return eventIndex;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }

  /**
   * The report printed when replay stops: what, where, and the application's stack.
   *
   * @param stack the program's frames of the diverging thread, the agent's left out
   *     (io.ftjvm.bootstrap.AgentFrames)
   */
  public String report(StackTraceElement[] stack) {
    List<String> lines = new ArrayList<>();
    lines.add("[ftjvm] REPLAY DIVERGED from the recording");
    lines.add("  logical thread : " + threadId);
    lines.add("  event index    : " + eventIndex);
    lines.add("  expected       : " + expected);
    lines.add("  actual         : the program " + actual);
    if (hint != null) {
      lines.add("  hint           : " + hint);
    }
    lines.add("  stack (application frames):");
    int shown = 0;
    for (StackTraceElement frame : stack) {
      lines.add("    at " + frame);
      if (++shown == 25) {
        lines.add("    ...");
        break;
      }
    }
    return String.join(System.lineSeparator(), lines);
  }
}
