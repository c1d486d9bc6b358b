package io.ftjvm.instrumentation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which classes were instrumented (for the agent's debug log and the tests). */
public final class Transformed {
  private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

  private Transformed() {}

  static void note(String name) {
    NAMES.add(name);
  }

  public static boolean contains(String name) {
    return NAMES.contains(name);
  }

  public static int count() {
    return NAMES.size();
  }
}
