package io.ftjvm.bootstrap;

/**
 * Entry points for a thread's life as other threads see it: its end, {@code join}, {@code
 * isAlive()} and {@code getState()}. Whether a join returns at once or waits, and what {@code
 * isAlive()} and {@code getState()} answer, depend on how far the target has got, which is timing.
 * So these are steps of the target's interrupt order (see {@link InterruptHooks}): its end is a
 * turn taken by the thread itself, a join that returned and an {@code isAlive()} are turns taken by
 * the reader, and replay answers as recorded, in the recorded turn.
 */
public final class ThreadLifeHooks {
  private ThreadLifeHooks() {}

  /** The join runs as it would without the agent. */
  public static final int JOIN_RUNS = 0;

  /** Replay: the recorded join was interrupted; it throws InterruptedException without running. */
  public static final int JOIN_INTERRUPTED = 1;

  /** Replay: the recorded join returned here; it returns without running. */
  public static final int JOIN_RETURNED = 2;

  /**
   * A Thread constructor starts: forgets a state left by a constructor that failed, so that it is
   * never paired with this thread (which may inherit none).
   */
  public static void constructing() {
    ThreadState parent = AppThreads.current();
    if (parent != null) {
      parent.constructing = null;
    }
  }

  /**
   * A Thread constructor returned: the state the new thread inherited, if any, was made by this
   * (its parent's) thread just before; they are paired in {@link KnownThreads}. Delegating
   * constructors return one after the other: only the first finds the state.
   */
  public static void constructed(Thread created) {
    ThreadState parent = AppThreads.current();
    if (parent == null || parent.constructing == null) {
      return;
    }
    ThreadState child = parent.constructing;
    parent.constructing = null;
    KnownThreads.register(created, child);
  }

  /** {@code Thread.exit()}: the calling thread is ending. */
  public static void ending() {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return;
    }
    thread.guard++;
    try {
      Hooks.handler().threadEnding(thread);
    } catch (Throwable t) {
      AgentLog.error("thread end capture failed", t);
    } finally {
      thread.guard--;
    }
  }

  /** Replaces {@code target.isAlive()} call sites in application code. */
  public static boolean isAlive(Thread target) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return target.isAlive();
    }
    int decision;
    thread.guard++;
    try {
      decision = Hooks.handler().beforeAliveRead(thread, target);
    } catch (Throwable t) {
      AgentLog.error("isAlive capture failed", t);
      return target.isAlive();
    } finally {
      thread.guard--;
    }
    if (decision == EventHandler.ANSWER_TRUE || decision == EventHandler.ANSWER_FALSE) {
      return decision == EventHandler.ANSWER_TRUE;
    }
    boolean alive = target.isAlive();
    thread.guard++;
    try {
      Hooks.handler().afterAliveRead(thread, target, alive);
    } catch (Throwable t) {
      AgentLog.error("isAlive capture failed after the read", t);
    } finally {
      thread.guard--;
    }
    return alive;
  }

  /** Replaces {@code target.getState()} call sites in application code. */
  public static Thread.State getState(Thread target) {
    ThreadState thread = Hooks.capturing();
    if (thread == null) {
      return target.getState();
    }
    Thread.State recorded;
    thread.guard++;
    try {
      recorded = Hooks.handler().beforeStateRead(thread, target);
    } catch (Throwable t) {
      AgentLog.error("getState capture failed", t);
      return target.getState();
    } finally {
      thread.guard--;
    }
    if (recorded != null) {
      return recorded;
    }
    Thread.State state = target.getState();
    thread.guard++;
    try {
      Hooks.handler().afterStateRead(thread, target, state);
    } catch (Throwable t) {
      AgentLog.error("getState capture failed after the read", t);
    } finally {
      thread.guard--;
    }
    return state;
  }

  /**
   * Before {@code joined.join(millis)}: {@link #JOIN_RUNS}, {@link #JOIN_INTERRUPTED} or {@link
   * #JOIN_RETURNED}.
   */
  public static int beforeJoin(Thread joined) {
    // On Java 17 join is synchronized on the joined thread: its monitor is given up while replay
    // waits (the recorded join waited in wait, which gives it up too).
    Object monitor = Thread.holdsLock(joined) ? joined : null;
    if (InterruptHooks.interruptedHere(monitor)) {
      return JOIN_INTERRUPTED;
    }
    ThreadState thread = Hooks.capturing();
    if (thread == null || thread.uninterruptible != 0 || notTheApplications(joined)) {
      return JOIN_RUNS;
    }
    thread.guard++;
    try {
      return Hooks.handler().joinReturnsHere(thread, joined, monitor) ? JOIN_RETURNED : JOIN_RUNS;
    } catch (Throwable t) {
      AgentLog.error("join replay failed", t);
      return JOIN_RUNS;
    } finally {
      thread.guard--;
    }
  }

  /**
   * A thread that is not the application's (the agent's, the JVM's: the shutdown hooks of the
   * agent, of JFR, of the management agent, which {@code System.exit} joins one by one in an order
   * of their identity hashes) ends when it ends: joining it is no step of the program's. Replayed
   * from the recording, the join of the agent's own hook returned at once, and the JVM halted with
   * the replay's verdict half written.
   */
  private static boolean notTheApplications(Thread joined) {
    return KnownThreads.logicalId(joined) == null;
  }

  /** After the join, or instead of it: what it throws (null when it returns). */
  public static Throwable afterJoin(int entered, Thread joined, Throwable thrown) {
    if (entered == JOIN_RETURNED) {
      return null;
    }
    if (entered == JOIN_INTERRUPTED || thrown != null) {
      return InterruptHooks.afterBlocking(entered == JOIN_INTERRUPTED, thrown);
    }
    ThreadState thread = Hooks.capturing();
    if (thread == null || thread.uninterruptible != 0 || notTheApplications(joined)) {
      return null;
    }
    thread.guard++;
    try {
      Hooks.handler().joined(thread, joined);
    } catch (Throwable t) {
      AgentLog.error("join capture failed", t);
    } finally {
      thread.guard--;
    }
    return null;
  }
}
