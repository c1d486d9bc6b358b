package io.ftjvm.agent.config;

/** What the agent does in this JVM. */
public enum AgentMode {
  /** Capture every determinant into a recording directory. */
  RECORD,
  /** Re-execute a recording: determinants and inputs come from it, outputs are compared. */
  REPLAY,
  /**
   * Fault tolerance: record like RECORD into a state directory, with inputs and outputs committed
   * to disk, CRIU checkpoints, and recovery after a crash (docs/fault-tolerance.md).
   */
  FT,
  /** Load, but capture nothing (to measure the agent's bare presence). */
  OFF
}
