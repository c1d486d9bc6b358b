package io.ftjvm.agent.wiring;

/** The agent cannot start as configured; the message tells the user what to change. */
public final class StartRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartRefused(String message) {
    super(message);
  }
}
