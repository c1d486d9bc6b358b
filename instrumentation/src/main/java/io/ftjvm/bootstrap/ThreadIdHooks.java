package io.ftjvm.bootstrap;

/**
 * A thread's id, as application code reads it: {@code getId()}, {@code threadId()} (Java 19+), and
 * the {@code #id} that {@code Thread.toString()} shows from Java 19 on. The JVM numbers every
 * thread it makes, its own and the agent's among them, in the order they are made, so the same
 * program's threads get other ids from run to run (a replay's watchdog alone shifts them by one).
 * Each read is logged as a value, and replay answers as recorded, so a log line that shows a
 * thread's id prints the same in replay.
 */
public final class ThreadIdHooks {
  private static final String NUMBERED = "Thread[#";

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
   * After {@code Thread.toString()}: where it shows the thread's id ({@code Thread[#id,...} from
   * Java 19 on), the id read is captured like {@code getId()}'s and the text shows the answer.
   */
  public static String described(Thread target, String text) {
    String shown = NUMBERED + target.getId() + ",";
    if (text == null || !text.startsWith(shown)) {
      return text;
    }
    long answer = answer(target.getId());
    return NUMBERED + answer + "," + text.substring(shown.length());
  }

  private static long answer(long actual) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return actual;
    }
    thread.guard++;
    try {
      return Hooks.handler().value(thread, EventKind.THREAD_ID, actual);
    } catch (Throwable t) {
      AgentLog.error("thread id capture failed", t);
      return actual;
    } finally {
      thread.guard--;
    }
  }
}
