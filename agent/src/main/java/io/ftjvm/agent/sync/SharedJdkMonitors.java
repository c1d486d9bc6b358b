package io.ftjvm.agent.sync;

import java.util.Hashtable;
import java.util.Vector;

/**
 * JDK objects whose monitors an application shares between its threads: {@code StringBuffer},
 * {@code Vector} (and {@code Stack}), {@code Hashtable} (and {@code Properties}) and the {@code
 * Collections.synchronized*} wrappers. Their synchronized methods and blocks are instrumented, and
 * like a java.util.concurrent lock each object is ordered only when the application is its first
 * user (ObservedScope): the JDK uses them internally too (security providers are Properties, a
 * StringWriter writes into a StringBuffer), where the order depends on nothing the application
 * sees.
 */
final class SharedJdkMonitors {
  private static final String WRAPPERS = "java.util.Collections$Synchronized";

  private SharedJdkMonitors() {}

  /** Whether this monitor is one of them. */
  static boolean is(Object monitor) {
    return monitor instanceof StringBuffer
        || monitor instanceof Vector
        || monitor instanceof Hashtable
        || monitor.getClass().getName().startsWith(WRAPPERS);
  }

  /** Whether a stack frame is inside one of their classes (not the application using them). */
  static boolean isOwnFrame(String className) {
    return className.equals("java.lang.StringBuffer")
        || className.equals("java.lang.AbstractStringBuilder")
        || className.startsWith("java.util.Vector")
        || className.equals("java.util.Stack")
        || className.startsWith("java.util.Hashtable")
        || className.equals("java.util.Properties")
        || className.startsWith(WRAPPERS);
  }
}
