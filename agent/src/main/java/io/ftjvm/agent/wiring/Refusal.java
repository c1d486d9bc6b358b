package io.ftjvm.agent.wiring;

/**
 * Stops the JVM when the agent cannot do what it was asked: an application must not run unrecorded
 * (or replay wrongly) because of a configuration error or an unsupported feature.
 */
public final class Refusal {
  /**
   * Exit status when the agent refuses to run (bad configuration, unusable recording, unsupported).
   */
  public static final int STATUS = 2;

  private Refusal() {}

  public static void stop(String message) {
    System.out.flush();
    System.err.println("[ftjvm] " + message);
    System.err.flush();
    Runtime.getRuntime().halt(STATUS);
  }
}
