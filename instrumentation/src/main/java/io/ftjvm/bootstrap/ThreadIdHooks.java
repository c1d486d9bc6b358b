package io.ftjvm.bootstrap;

/**
 * A thread's id, as application code reads it: {@code getId()}, {@code threadId()} (Java 19+), and
 * {@code Thread.toString()}, which shows the id from Java 19 on (and its group, gone once it
 * ended). The JVM numbers every thread it makes, its own and the agent's among them, in the order
 * they are made, so the same program's threads get other ids from run to run (a replay's watchdog
 * alone shifts them by one). Each read is logged as a value, and replay answers as recorded, so a
 * log line that shows a thread's id prints the same in replay.
 */
public final class ThreadIdHooks {
  private ThreadIdHooks() {}

  /** Replaces {@code target.getId()} call sites in application code. */
  public static long getId(Thread target) {
    return answer(target.getId());
  }

  /**
   * Replaces {@code target.threadId()} call sites (Java 19+, where {@code getId()} answers the
   * same).
   */
  public static long threadId(Thread target) {
    return answer(target.getId());
  }

  /**
   * After {@code Thread.toString()} on an application thread: the description is a text event, as
   * recorded in replay. Its id (Java 19+) is the JVM's numbering, and its group is gone once the
   * thread has ended, which a description printed just after {@code start()} catches or not.
   */
  public static String described(String text) {
    return CapturedReads.text(EventKind.THREAD_TEXT, text, "thread description");
  }

  private static long answer(long actual) {
    return CapturedReads.number(EventKind.THREAD_ID, actual, "thread id");
  }
}
