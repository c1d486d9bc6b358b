package io.ftjvm.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many threads are alive, and which, as application code asks ({@code Thread.activeCount()},
 * {@code Thread.enumerate}, and the same of a {@code ThreadGroup}): the answer depends on how far
 * the threads started and ending meanwhile have got, which is timing. A loop such as {@code while
 * (Thread.activeCount() > 1) Thread.yield();} goes round as many times as that timing says. So the
 * count is logged as a value, the list as the threads' logical ids, and replay answers as recorded
 * (with the threads of its own run that carry those ids).
 */
public final class ThreadListHooks {
  private ThreadListHooks() {}

  /** Replaces {@code Thread.activeCount()} call sites in application code. */
  public static int activeCount() {
    return activeCount(Thread.currentThread().getThreadGroup());
  }

  /** Replaces {@code group.activeCount()} call sites in application code. */
  public static int activeCount(ThreadGroup group) {
    return (int) CapturedReads.number(EventKind.THREAD_COUNT, group.activeCount(), "thread count");
  }

  /** Replaces {@code Thread.enumerate(into)} call sites in application code. */
  public static int enumerate(Thread[] into) {
    return enumerate(Thread.currentThread().getThreadGroup(), into, true);
  }

  /** Replaces {@code group.enumerate(into)} call sites in application code. */
  public static int enumerate(ThreadGroup group, Thread[] into) {
    return enumerate(group, into, true);
  }

  /**
   * Replaces {@code group.enumerate(into, recurse)} call sites in application code: the threads
   * listed go into {@code into} as far as it has room, as the JDK's method puts them.
   */
  public static int enumerate(ThreadGroup group, Thread[] into, boolean recurse) {
    if (Hooks.capturing() == null) {
      return group.enumerate(into, recurse);
    }
    Thread[] listed = CapturedReads.threads(alive(group, recurse));
    int n = Math.min(listed.length, into.length);
    System.arraycopy(listed, 0, into, 0, n);
    return n;
  }

  /**
   * Replaces {@code Thread.getAllStackTraces()} call sites in application code. Which threads are
   * alive and where each one is are both timing: the threads are logged as {@code enumerate}'s are,
   * without the agent's own, and their traces as text, without the agent's frames. The map answered
   * keeps that order whatever the threads' hash codes, in replay as when recording.
   */
  public static Map<Thread, StackTraceElement[]> getAllStackTraces() {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return Thread.getAllStackTraces();
    }
    Map<Thread, StackTraceElement[]> all;
    // The JDK's own map of them is not the program's: its hashing is not logged.
    thread.guard++;
    try {
      all = Thread.getAllStackTraces();
    } finally {
      thread.guard--;
    }
    List<Thread> shown = new ArrayList<>();
    for (Thread t : all.keySet()) {
      if (!AgentsOwnThreads.contains(t)) {
        shown.add(t);
      }
    }
    Thread[] listed = CapturedReads.threads(shown.toArray(new Thread[0]));
    StackTraceElement[][] traces = new StackTraceElement[listed.length][];
    for (int i = 0; i < listed.length; i++) {
      StackTraceElement[] trace = all.get(listed[i]);
      traces[i] =
          trace == null
              ? new StackTraceElement[0]
              : StackTraceText.withoutAgentFrames(trace, listed[i] == Thread.currentThread());
    }
    String text =
        CapturedReads.text(EventKind.STACK_TRACES, StackTraceText.of(traces), "stack traces");
    StackTraceElement[][] answered = StackTraceText.parse(text);
    Map<Thread, StackTraceElement[]> answer = new LinkedHashMap<>();
    for (int i = 0; i < listed.length; i++) {
      answer.put(listed[i], i < answered.length ? answered[i] : new StackTraceElement[0]);
    }
    return answer;
  }

  /**
   * Replaces {@code thread.getStackTrace()} call sites in application code. Another thread's trace
   * is where it had got, timing: logged as text (a STACK_TRACES of one trace) and answered from the
   * log in replay. The caller's own trace is the program's alone and is not logged; it only loses
   * this hook's frame, which without the agent it does not have.
   */
  public static StackTraceElement[] getStackTrace(Thread of) {
    if (of == Thread.currentThread()) {
      return StackTraceText.withoutAgentFrames(of.getStackTrace(), true);
    }
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return of.getStackTrace();
    }
    StackTraceElement[][] actual = {StackTraceText.withoutAgentFrames(of.getStackTrace(), false)};
    String text =
        CapturedReads.text(EventKind.STACK_TRACES, StackTraceText.of(actual), "a stack trace");
    StackTraceElement[][] answered = StackTraceText.parse(text);
    return answered.length == 1 ? answered[0] : new StackTraceElement[0];
  }

  /** All the threads {@code group.enumerate} lists now, however many. */
  static Thread[] alive(ThreadGroup group, boolean recurse) {
    Thread[] room = new Thread[group.activeCount() + 8];
    int n;
    while ((n = group.enumerate(room, recurse)) == room.length) {
      room = new Thread[room.length * 2];
    }
    return java.util.Arrays.copyOf(room, n);
  }
}
