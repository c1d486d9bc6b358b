package io.ftjvm.bootstrap;

/**
 * Where hooks report their own failures. Advice never lets an agent error reach the application; it
 * is sent here instead, and the agent writes it to its own log.
 */
public final class AgentLog {
  /** Receives agent errors; installed by the agent, stderr until then. */
  public interface Sink {
    void error(String what, Throwable cause);
  }

  private static volatile Sink sink =
      (what, cause) -> {
        System.err.println("[ftjvm] " + what);
        if (cause != null) {
          cause.printStackTrace();
        }
      };

  private AgentLog() {}

  public static Sink current() {
    return sink;
  }

  public static void install(Sink newSink) {
    sink = newSink;
  }

  public static void error(String what, Throwable cause) {
    try {
      sink.error(what, cause);
    } catch (Throwable ignored) {
      // Logging must never break the application.
    }
  }
}
