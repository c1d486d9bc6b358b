package io.ftjvm.bootstrap;

import java.util.EnumSet;

/**
 * A report of the JVM's (see {@link JvmReports}) that application code read through {@code
 * Method.invoke}, directly or through the platform MBeanServer: the JDK's implementation hands its
 * answer here, which logs it (and answers the recorded one in replay) only when reflection called
 * it on an application thread. A direct call is logged at its rewritten call site, and a report one
 * JDK method reads from another is the JDK's own work.
 */
public final class ReflectedReports {
  private static final StackWalker WALKER =
      StackWalker.getInstance(EnumSet.of(StackWalker.Option.SHOW_REFLECT_FRAMES));

  private ReflectedReports() {}

  /** The answer of a reporting method, boxed: logged and answered as recorded if reflected. */
  public static Object answer(Object actual) {
    if (Hooks.capturing() == null || !calledThroughReflection()) {
      return actual;
    }
    if (actual instanceof Double real) {
      return JvmReports.real(real);
    } else if (actual instanceof Long number) {
      return JvmReports.number(number);
    } else if (actual instanceof Integer count) {
      return JvmReports.count(count);
    } else if (actual instanceof Boolean flag) {
      return JvmReports.flag(flag);
    } else if (actual instanceof String text) {
      return JvmReports.text(text);
    }
    return actual;
  }

  /**
   * Whether the reporting method (the first frame below the agent's) was called by reflection: the
   * frame below it is reflection's own ({@code Method.invoke} or the JDK's accessors under it).
   */
  static boolean calledThroughReflection() {
    return WALKER.walk(
        frames ->
            frames
                .map(StackWalker.StackFrame::getClassName)
                .dropWhile(ReflectedReports::isAgents)
                .skip(1)
                .findFirst()
                .map(ReflectedReports::isReflections)
                .orElse(false));
  }

  private static boolean isAgents(String className) {
    return className.startsWith("io.ftjvm.bootstrap.");
  }

  static boolean isReflections(String className) {
    return className.equals("java.lang.reflect.Method")
        || className.startsWith("jdk.internal.reflect.");
  }
}
