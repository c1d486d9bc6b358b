package io.ftjvm.bootstrap;

/**
 * Work the JVM does for itself on an application thread while the program runs, such as a flight
 * recording the program starts, is not the application's: nothing it does is captured, and the
 * threads it makes (JFR's periodic task, its timer, its shutdown hook) are not application threads.
 * Otherwise their clock reads and locks would be events whose number and order the program does not
 * decide, and replay would wait for them at exit. (The JVM's work before the program starts is
 * {@link ProgramStart}'s.)
 */
public final class JvmServices {
  private JvmServices() {}

  /** The calling thread enters JVM service code: its state (to give to {@link #left}), or null. */
  public static ThreadState entering() {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.guard++;
    }
    return thread;
  }

  /** The calling thread leaves the service code it entered with {@code entered}. */
  public static void left(ThreadState entered) {
    if (entered != null) {
      entered.guard--;
    }
  }
}
