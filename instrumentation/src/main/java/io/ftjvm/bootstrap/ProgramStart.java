package io.ftjvm.bootstrap;

/**
 * The application starts at its main method. Between the agent's {@code premain} and the launcher
 * loading the main class, the main thread does the JVM's work: the premain of agents listed after
 * this one, the management agent ({@code -Dcom.sun.management.jmxremote.port}: its RMI server binds
 * a port, draws random numbers and starts three threads), JFR's start. None of it is the program's:
 * the main thread is held guarded until then, so nothing of it is captured and the threads made
 * meanwhile get no logical id. Before, the management agent's threads took ids 1.2 to 1.4 and its
 * binds were events; replay then stopped at its accept thread.
 */
public final class ProgramStart {
  private static volatile ThreadState held;

  private ProgramStart() {}

  /**
   * Holds {@code main} (the thread running premain, just adopted) until the launcher loads the main
   * class. A JVM not started by the java launcher (one created through JNI by another program) has
   * no launcher to say so: its main thread is not held.
   */
  public static void holdUntilMainClass(ThreadState main) {
    if (System.getProperty("sun.java.command") == null) {
      return;
    }
    main.guard++;
    held = main;
  }

  /** The launcher has loaded the main class: the program starts on this thread. */
  public static void mainClassLoaded() {
    ThreadState main = held;
    if (main != null && AppThreads.current() == main) {
      held = null;
      main.guard--;
    }
  }
}
