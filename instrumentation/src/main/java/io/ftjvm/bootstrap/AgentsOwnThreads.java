package io.ftjvm.bootstrap;

import java.util.HashSet;
import java.util.Set;

/**
 * The threads the agent made for itself, which the program's questions about the JVM's threads are
 * answered without: each one is in the root group and named ftjvm-... (as
 * io.ftjvm.capture.AgentThreads makes them all, daemons and shutdown hooks).
 */
final class AgentsOwnThreads {
  private AgentsOwnThreads() {}

  /** Whether {@code t} is one of the agent's threads. */
  static boolean contains(Thread t) {
    ThreadGroup group = t.getThreadGroup();
    return group != null && group.getParent() == null && t.getName().startsWith("ftjvm-");
  }

  /** The ids of the agent's threads alive now. */
  static Set<Long> ids() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Set<Long> ids = new HashSet<>();
    for (Thread t : ThreadListHooks.alive(root, false)) {
      if (contains(t)) {
        ids.add(t.getId());
      }
    }
    return ids;
  }
}
