package io.ftjvm.bootstrap;

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

  /** All the threads {@code group.enumerate} lists now, however many. */
  private static Thread[] alive(ThreadGroup group, boolean recurse) {
    Thread[] room = new Thread[group.activeCount() + 8];
    int n;
    while ((n = group.enumerate(room, recurse)) == room.length) {
      room = new Thread[room.length * 2];
    }
    return java.util.Arrays.copyOf(room, n);
  }
}
