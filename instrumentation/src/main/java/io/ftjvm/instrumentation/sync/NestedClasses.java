package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.AgentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDK class and its nested classes, listed from the running JDK (they differ between versions),
 * to be loaded before the agent installs.
 */
final class NestedClasses {
  private NestedClasses() {}

  /**
   * {@code outer} and the classes nested in it, {@code levels} deep; if the JDK has no such class,
   * an error in the agent's log saying what is {@code lost}, and an empty list.
   */
  static List<String> of(String outer, int levels, String lost) {
    List<String> names = new ArrayList<>();
    names.add(outer);
    try {
      addNested(Class.forName(outer, false, null), levels, names);
    } catch (ClassNotFoundException | LinkageError e) {
      AgentLog.error(outer + " not found: " + lost, e);
    }
    return names;
  }

  private static void addNested(Class<?> type, int levels, List<String> names) {
    if (levels == 0) {
      return;
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      names.add(nested.getName());
      addNested(nested, levels - 1, names);
    }
  }
}
