package io.ftjvm.capture;

/**
 * The threads the agent makes for itself. They are daemons in the JVM's root thread group, never
 * the application's: a program that counts or lists the threads of its own group ({@code
 * Thread.activeCount()}, {@code Thread.enumerate}) sees the same threads with the agent as without
 * it, and they inherit none of its thread-locals, so the capture never takes them for its threads.
 */
public final class AgentThreads {
  private static final String NAME_PREFIX = "ftjvm-";

  private AgentThreads() {}

  /** A daemon thread named {@code name} that runs {@code body}, not started yet. */
  public static Thread daemon(String name, Runnable body) {
    Thread thread = worker(name, body);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * A thread named {@code name} that runs {@code body} (a shutdown hook, say), not started yet.
   *
   * @param name starts with {@code ftjvm-}: that and the root group are how the hooks, which cannot
   *     see this class, tell the agent's threads from the JVM's in a list of every thread
   *     (io.ftjvm.bootstrap.ThreadListHooks)
   */
  public static Thread worker(String name, Runnable body) {
    if (!name.startsWith(NAME_PREFIX)) {
      throw new IllegalArgumentException(
          "an agent thread's name starts with " + NAME_PREFIX + ": " + name);
    }
    return new Thread(rootGroup(), body, name, 0, false);
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
