package io.ftjvm.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;

/** One source of nondeterminism: the types and methods it instruments. */
public interface CaptureModule {
  /** A short name for logs and the {@code capture} configuration. */
  String name();

  /** Adds this module's transformations to the builder. */
  AgentBuilder install(AgentBuilder builder);

  /**
   * The JDK classes this module instruments. They are loaded before the agent installs, so that all
   * of them are instrumented by retransformation: a class first loaded while another class is being
   * transformed would otherwise escape instrumentation (Byte Buddy's circularity lock), and which
   * one does would differ from run to run.
   */
  default java.util.List<String> jdkClasses() {
    return java.util.List.of();
  }

  /** Those of the named JDK classes that this JDK has (some come and go between versions). */
  static java.util.List<String> present(String... names) {
    java.util.List<String> found = new java.util.ArrayList<>();
    for (String name : names) {
      try {
        Class.forName(name, false, null);
        found.add(name);
      } catch (ClassNotFoundException e) {
        // not in this JDK version
      }
    }
    return found;
  }
}
