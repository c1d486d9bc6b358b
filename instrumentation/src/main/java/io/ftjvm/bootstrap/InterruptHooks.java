package io.ftjvm.bootstrap;

import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * Entry points for interrupts: {@code Thread.interrupt()}, reads of the interrupt flag ({@code
 * interrupted()}, {@code isInterrupted()}), and the blocking calls that end with
 * InterruptedException. Each thread's interrupts and the reads that saw them are ordered like the
 * acquisitions of a lock (the thread's interrupt order). In replay the real flag is never set: an
 * interrupt is delivered in its recorded turn, and each read answers what it answered when
 * recorded.
 */
public final class InterruptHooks {
  private InterruptHooks() {}

  /** A replayed answer: the advised method is skipped and returns this value. */
  public static final class Answer {
    final boolean value;

    private Answer(boolean value) {
      this.value = value;
    }
  }

  private static final Answer FALSE = new Answer(false);
  private static final Answer TRUE = new Answer(true);

  /** Run the real method, then the after-hook. */
  private static final Object CAPTURED = new Object();

  /**
   * Before {@code target.interrupt()}: null (run it, uncaptured), an {@link Answer} (replay: skip
   * it), or a token for {@link #afterInterrupt}.
   */
  public static Object beforeInterrupt(Thread target) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || thread.uninterruptible != 0 || target instanceof ForkJoinWorkerThread) {
      return null;
    }
    thread.guard++;
    try {
      return entered(Hooks.handler().beforeInterrupt(thread, target));
    } catch (Throwable t) {
      AgentLog.error("interrupt capture failed", t);
      return null;
    } finally {
      thread.guard--;
    }
  }

  public static void afterInterrupt(Object entered, Thread target) {
    if (entered != CAPTURED) {
      return;
    }
    ThreadState thread = AppThreads.current();
    thread.guard++;
    try {
      Hooks.handler().afterInterrupt(thread, target);
    } catch (Throwable t) {
      AgentLog.error("interrupt capture failed after the interrupt", t);
    } finally {
      thread.guard--;
    }
  }

  /** Before a read of {@code target}'s interrupt flag; as {@link #beforeInterrupt}. */
  public static Object beforeRead(Thread target, boolean clears) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || thread.uninterruptible != 0 || target instanceof ForkJoinWorkerThread) {
      return null;
    }
    thread.guard++;
    try {
      return entered(Hooks.handler().beforeInterruptRead(thread, target, clears));
    } catch (Throwable t) {
      AgentLog.error("interrupt capture failed before a read of the flag", t);
      return null;
    } finally {
      thread.guard--;
    }
  }

  /** After the read (or instead of it, in replay): what the read answers. */
  public static boolean afterRead(Object entered, Thread target, boolean clears, boolean result) {
    if (entered instanceof Answer) {
      return ((Answer) entered).value;
    }
    if (entered == CAPTURED) {
      ThreadState thread = AppThreads.current();
      thread.guard++;
      try {
        Hooks.handler().afterInterruptRead(thread, target, clears, result);
      } catch (Throwable t) {
        AgentLog.error("interrupt capture failed after a read of the flag", t);
      } finally {
        thread.guard--;
      }
    }
    return result;
  }

  /**
   * Before a blocking call that throws InterruptedException: true when the replay says it was
   * interrupted here (the observation is taken; the call must throw without running).
   */
  public static boolean interruptedHere() {
    return interruptedHere(null);
  }

  /**
   * As {@link #interruptedHere()}, in a wait on {@code monitor} (or a join, which may hold the
   * joined thread's), released while it waits.
   */
  static boolean interruptedHere(Object monitor) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || thread.uninterruptible != 0 || onPoolWorker()) {
      return false;
    }
    thread.guard++;
    try {
      return Hooks.handler().interruptedHere(thread, monitor);
    } catch (Throwable t) {
      AgentLog.error("interrupt replay failed", t);
      return false;
    } finally {
      thread.guard--;
    }
  }

  /**
   * After a blocking call ended, or instead of it ({@code interrupted}: {@link #interruptedHere}
   * said so): what it throws. Record logs an InterruptedException it threw.
   */
  public static Throwable afterBlocking(boolean interrupted, Throwable thrown) {
    if (interrupted) {
      return new InterruptedException();
    }
    if (thrown instanceof InterruptedException) {
      interruptThrown();
    }
    return thrown;
  }

  static void interruptThrown() {
    ThreadState thread = Hooks.capturing();
    if (thread == null || thread.uninterruptible != 0 || onPoolWorker()) {
      return;
    }
    thread.guard++;
    try {
      Hooks.handler().interruptThrown(thread);
    } catch (Throwable t) {
      AgentLog.error("interrupt capture failed after InterruptedException", t);
    } finally {
      thread.guard--;
    }
  }

  /**
   * ForkJoinPool workers are no application threads (see {@link ForkJoinTasks}): the pool
   * interrupts them as it shuts down, at moments that depend on timing, so their interrupts are
   * left to run as they do without the agent, also while a worker runs an application task.
   */
  private static boolean onPoolWorker() {
    return Thread.currentThread() instanceof ForkJoinWorkerThread;
  }

  /**
   * Replaces {@code Thread.interrupted()} in the JDK's wait loops that, when it answers false, park
   * or make an ordered step at once (CompletableFuture's get and join): no ordered event can come
   * between such a read and the next one. So when a thread's next recorded event is seeing an
   * interrupt, this read is the one that saw it, and replay waits here for the interrupt's turn. An
   * ordinary JDK read answers false when the turn has not come (waiting there could hold a lock
   * that the interrupting thread needs first), and the wait loop would then make a step the
   * recording did not.
   */
  public static boolean interruptedInWait() {
    ThreadState thread = AppThreads.current();
    if (thread == null) {
      return Thread.interrupted();
    }
    thread.enterWaitRead();
    try {
      return Thread.interrupted();
    } finally {
      thread.exitWaitRead();
    }
  }

  /** Replaces {@code Thread.interrupted()} call sites in application code: a poll. */
  public static boolean interrupted() {
    return poll(null);
  }

  /**
   * Replaces {@code thread.isInterrupted()} call sites in application code: a poll when {@code
   * target} is the calling thread.
   */
  public static boolean isInterrupted(Thread target) {
    return poll(target);
  }

  /** The real read ({@code target} null: {@code Thread.interrupted()}), marked as a poll. */
  private static boolean poll(Thread target) {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.enterPoll();
    }
    try {
      return target == null ? Thread.interrupted() : target.isInterrupted();
    } finally {
      if (thread != null) {
        thread.exitPoll();
      }
    }
  }

  /** Replaces {@code Thread.sleep(millis)} call sites (native on Java 17, so not advisable). */
  public static void sleep(long millis) throws InterruptedException {
    sleep(millis, 0);
  }

  /** Replaces {@code Thread.sleep(millis, nanos)} call sites. */
  public static void sleep(long millis, int nanos) throws InterruptedException {
    if (interruptedHere()) {
      throw new InterruptedException("sleep interrupted");
    }
    try {
      Thread.sleep(millis, nanos);
    } catch (InterruptedException e) {
      interruptThrown();
      throw e;
    }
  }

  /** Keeps TimeUnit loaded and linked before the hooks can run (see Hooks.preload). */
  static void preload() {
    TimeUnit.NANOSECONDS.toMillis(0);
    afterRead(entered(EventHandler.ANSWER_TRUE), null, false, false);
  }

  private static Object entered(int decision) {
    switch (decision) {
      case EventHandler.REAL_THEN_AFTER:
        return CAPTURED;
      case EventHandler.ANSWER_FALSE:
        return FALSE;
      case EventHandler.ANSWER_TRUE:
        return TRUE;
      default:
        return null;
    }
  }
}
