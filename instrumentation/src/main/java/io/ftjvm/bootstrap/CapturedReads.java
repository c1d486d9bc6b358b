package io.ftjvm.bootstrap;

/**
 * A read whose answer depends on the run rather than the program (a thread's id, how many threads
 * are alive and which, a process id): the handler logs the answer when recording and gives the
 * recorded one back in replay. Outside capture, or if the agent fails, the application gets the
 * actual answer.
 */
final class CapturedReads {
  private CapturedReads() {}

  /** A number read; {@code what} names it in the agent's log if capture fails. */
  static long number(int kind, long actual, String what) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return actual;
    }
    thread.guard++;
    try {
      return Hooks.handler().value(thread, kind, actual);
    } catch (Throwable t) {
      AgentLog.error(what + " capture failed", t);
      return actual;
    } finally {
      thread.guard--;
    }
  }

  /** A text read; {@code what} names it in the agent's log if capture fails. */
  static String text(int kind, String actual, String what) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return actual;
    }
    thread.guard++;
    try {
      return Hooks.handler().text(thread, kind, actual);
    } catch (Throwable t) {
      AgentLog.error(what + " capture failed", t);
      return actual;
    } finally {
      thread.guard--;
    }
  }

  /** The threads alive in a group, as {@code alive} lists them now (see ThreadListHooks). */
  static Thread[] threads(Thread[] alive) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return alive;
    }
    thread.guard++;
    try {
      return Hooks.handler().threadsListed(thread, alive);
    } catch (Throwable t) {
      AgentLog.error("thread list capture failed", t);
      return alive;
    } finally {
      thread.guard--;
    }
  }
}
