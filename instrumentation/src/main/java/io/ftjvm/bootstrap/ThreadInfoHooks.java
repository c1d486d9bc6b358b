package io.ftjvm.bootstrap;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the ThreadMXBean tells application code about the JVM's threads: their ids ({@code
 * getAllThreadIds()}, and which are deadlocked), and their ThreadInfos ({@code getThreadInfo},
 * {@code dumpAllThreads}), the state, locks, counts and stack of each. All of it is where the
 * threads had got, timing; metrics libraries count threads by state this way, and a monitoring page
 * prints the dump. Each call is made as written, then its answer goes through here: logged (ids as
 * text, infos as a THREAD_INFO) and answered from the log in replay. The agent's own threads are
 * left out of the lists of all threads, and the agent's frames out of every stack.
 */
public final class ThreadInfoHooks {
  private static final String NO_IDS = "-";

  private ThreadInfoHooks() {}

  /** After {@code getAllThreadIds()} in application code. */
  public static long[] threadIds(long[] actual) {
    if (Hooks.capturing() == null) {
      return actual;
    }
    Set<Long> agents = AgentsOwnThreads.ids();
    long[] shown = java.util.Arrays.stream(actual).filter(id -> !agents.contains(id)).toArray();
    return ids(shown, "thread ids");
  }

  /** After {@code findDeadlockedThreads()} or {@code findMonitorDeadlockedThreads()}. */
  public static long[] deadlockedThreadIds(long[] actual) {
    return Hooks.capturing() == null ? actual : ids(actual, "deadlocked thread ids");
  }

  /** After {@code getThreadInfo(id)} or {@code getThreadInfo(id, maxDepth)}. */
  public static ThreadInfo threadInfo(ThreadInfo actual) {
    return Hooks.capturing() == null ? actual : answered(new ThreadInfo[] {actual})[0];
  }

  /** After {@code getThreadInfo(ids, ...)}: one info per id asked, null for a thread not alive. */
  public static ThreadInfo[] threadInfos(ThreadInfo[] actual) {
    return Hooks.capturing() == null ? actual : answered(actual);
  }

  /** After {@code dumpAllThreads(...)}: the agent's threads are left out. */
  public static ThreadInfo[] allThreadInfos(ThreadInfo[] actual) {
    if (Hooks.capturing() == null) {
      return actual;
    }
    Set<Long> agents = AgentsOwnThreads.ids();
    List<ThreadInfo> shown = new ArrayList<>(actual.length);
    for (ThreadInfo info : actual) {
      if (info != null && !agents.contains(info.getThreadId())) {
        shown.add(info);
      }
    }
    return answered(shown.toArray(new ThreadInfo[0]));
  }

  private static long[] ids(long[] actual, String what) {
    String text = CapturedReads.text(EventKind.JVM_TEXT, idsText(actual), what);
    return parseIds(text);
  }

  /** The ids separated by commas, or "-" for none at all (null, not an empty list). */
  static String idsText(long[] ids) {
    if (ids == null) {
      return NO_IDS;
    }
    StringBuilder text = new StringBuilder();
    for (long id : ids) {
      text.append(text.length() == 0 ? "" : ",").append(id);
    }
    return text.toString();
  }

  static long[] parseIds(String text) {
    if (text.equals(NO_IDS)) {
      return null;
    }
    if (text.isEmpty()) {
      return new long[0];
    }
    try {
      return java.util.Arrays.stream(text.split(",", -1)).mapToLong(Long::parseLong).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("thread ids: not a list of numbers: '" + text + "'", e);
    }
  }

  /** The infos as logged, or as recorded in replay; the actual ones if the agent fails. */
  private static ThreadInfo[] answered(ThreadInfo[] actual) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return actual;
    }
    String text;
    // The JDK's mapping into open data (JMX) is not the program's work: none of it is logged.
    thread.guard++;
    try {
      text = ThreadInfoText.of(actual, Thread.currentThread().getId());
    } catch (Throwable t) {
      AgentLog.error("thread info capture failed", t);
      return actual;
    } finally {
      thread.guard--;
    }
    String answer = CapturedReads.text(EventKind.THREAD_INFO, text, "thread info");
    thread.guard++;
    try {
      return ThreadInfoText.parse(answer);
    } finally {
      thread.guard--;
    }
  }
}
