package io.ftjvm.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Which frames of a stack are the agent's, not the program's: the one list of the agent's packages,
 * for the traces the program is shown (StackTraceText) and the stack a divergence report prints.
 */
public final class AgentFrames {
  private static final String[] AGENT_PACKAGES = {
    "io.ftjvm.bootstrap.",
    "io.ftjvm.agent.",
    "io.ftjvm.replayer.",
    "io.ftjvm.capture.",
    "io.ftjvm.instrumentation.",
    "io.ftjvm.shaded.",
    "io.ftjvm.checkpoint."
  };

  private AgentFrames() {}

  /** Whether the frame is one of the agent's classes. */
  public static boolean isAgents(StackTraceElement frame) {
    String name = frame.getClassName();
    for (String agentPackage : AGENT_PACKAGES) {
      if (name.startsWith(agentPackage)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The frames of the program in a stack the agent took of its own thread ({@code
   * Thread.currentThread().getStackTrace()}): without the agent's, nor the call that took it.
   */
  public static StackTraceElement[] programs(StackTraceElement[] stack) {
    List<StackTraceElement> kept = new ArrayList<>(stack.length);
    for (int i = 0; i < stack.length; i++) {
      boolean takingIt =
          i == 0
              && stack[i].getClassName().equals("java.lang.Thread")
              && stack[i].getMethodName().equals("getStackTrace");
      if (!takingIt && !isAgents(stack[i])) {
        kept.add(stack[i]);
      }
    }
    return kept.toArray(new StackTraceElement[0]);
  }
}
