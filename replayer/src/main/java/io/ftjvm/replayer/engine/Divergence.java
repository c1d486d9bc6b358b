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

  /** The report printed when replay stops: what, where, and the application's stack. */
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
      if (isAgentFrame(frame)) {
        continue;
      }
      lines.add("    at " + frame);
      if (++shown == 25) {
        lines.add("    ...");
        break;
      }
    }
    return String.join(System.lineSeparator(), lines);
  }

  /** Frames of the agent itself (and the call that took the stack), hidden from reports. */
  private static boolean isAgentFrame(StackTraceElement frame) {
    String name = frame.getClassName();
    for (String agentPackage : AGENT_PACKAGES) {
      if (name.startsWith(agentPackage)) {
        return true;
      }
    }
    return name.equals("java.lang.Thread") && frame.getMethodName().equals("getStackTrace");
  }

  private static final String[] AGENT_PACKAGES = {
    "io.ftjvm.bootstrap.",
    "io.ftjvm.agent.",
    "io.ftjvm.replayer.",
    "io.ftjvm.capture.",
    "io.ftjvm.instrumentation.",
    "io.ftjvm.shaded.",
    "io.ftjvm.checkpoint."
  };
}
