package io.ftjvm.bootstrap;

import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinTask;

/**
 * Single memory operations inside lock-free JDK code (CompletableFuture and its completions), each
 * ordered as one atomic operation on the object it touches: a field read or write, a VarHandle
 * compare-and-set or store, a ForkJoinTask tag compare-and-set. The rewritten JDK code calls these
 * in place of the instruction, so only the instruction itself is inside the ordered step, never
 * code that could take other locks or run application callbacks.
 */
public final class LockFreeSteps {
  private LockFreeSteps() {}

  /**
   * Before a field access on {@code target}: returns {@code target} when the access is ordered (it
   * must then be passed to {@link #exit}), or null when it is not (no application thread, inside
   * the agent, or an object the application does not observe).
   */
  public static Object enter(Object target) {
    if (target == null) {
      return null; // the access itself throws the NullPointerException, as without the agent
    }
    return SyncHooks.beforeAtomic(target) ? target : null;
  }

  /** After the access that {@link #enter} admitted (null: nothing to do). */
  public static void exit(Object entered) {
    if (entered != null) {
      SyncHooks.afterAtomic(true, entered);
    }
  }

  /**
   * Before a read or write of a volatile field in application code, on {@code target} (the object,
   * or the class of a static field). The rewritten code keeps no value for {@link #exitField}: the
   * thread's state holds it across the one instruction in between.
   */
  public static void enterField(Object target) {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.fieldStep = enter(target);
    }
  }

  /** After the access that {@link #enterField} admitted. */
  public static void exitField() {
    ThreadState thread = AppThreads.current();
    if (thread != null && thread.fieldStep != null) {
      Object entered = thread.fieldStep;
      thread.fieldStep = null;
      exit(entered);
    }
  }

  public static boolean compareAndSet(
      VarHandle handle, Object target, Object expected, Object value) {
    Object entered = enter(target);
    try {
      return handle.compareAndSet(target, expected, value);
    } finally {
      exit(entered);
    }
  }

  /**
   * The strong form: a weak compare-and-set may fail spuriously, which a replay could not repeat; a
   * strong one is a valid weak one.
   */
  public static boolean weakCompareAndSet(
      VarHandle handle, Object target, Object expected, Object value) {
    return compareAndSet(handle, target, expected, value);
  }

  public static void set(VarHandle handle, Object target, Object value) {
    Object entered = enter(target);
    try {
      handle.set(target, value);
    } finally {
      exit(entered);
    }
  }

  public static void setRelease(VarHandle handle, Object target, Object value) {
    Object entered = enter(target);
    try {
      handle.setRelease(target, value);
    } finally {
      exit(entered);
    }
  }

  /** A completion's claim: which thread runs (or submits) a dependent stage. */
  public static boolean compareAndSetForkJoinTaskTag(
      ForkJoinTask<?> task, short expected, short value) {
    Object entered = enter(task);
    try {
      return task.compareAndSetForkJoinTaskTag(expected, value);
    } finally {
      exit(entered);
    }
  }
}
