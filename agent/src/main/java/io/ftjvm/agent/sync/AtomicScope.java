package io.ftjvm.agent.sync;

import java.util.Optional;

/**
 * Which atomic variables are ordered: those the application uses (its own, and those of the
 * java.util.concurrent classes and Random it calls), not the JDK's internal counters (lambda class
 * names, ThreadLocal hash codes, ...). Whichever thread first touches an internal counter depends
 * on timing, and ordering it would make replay diverge for nothing the application can see. Decided
 * once per object, from the class that first operates on it.
 */
final class AtomicScope {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private AtomicScope() {}

  /** Whether operations on this atomic are ordered; decided at its first operation. */
  static boolean captured(LockState state) {
    synchronized (state) {
      if (state.atomicCaptured == null) {
        state.atomicCaptured = firstCaller().map(AtomicScope::observedByApplication).orElse(false);
      }
      return state.atomicCaptured;
    }
  }

  static boolean observedByApplication(StackWalker.StackFrame caller) {
    String callerClass = caller.getClassName();
    if (callerClass.equals("java.util.Random")) {
      // A Random's own seed is ordered (a Random shared by threads); the static counter that
      // seeds new Randoms is not (the seeds themselves are captured as determinants).
      return !caller.getMethodName().equals("seedUniquifier");
    }
    if (callerClass.equals("java.util.concurrent.ThreadLocalRandom")
        || callerClass.startsWith("java.util.concurrent.ConcurrentHashMap")) {
      // Their internal counters (probes, seeders) feed values that are captured as determinants
      // themselves, and are first touched whenever some thread happens to need them.
      return false;
    }
    if (callerClass.startsWith("java.util.concurrent.")) {
      return true;
    }
    return !(callerClass.startsWith("java.")
        || callerClass.startsWith("javax.")
        || callerClass.startsWith("jdk.")
        || callerClass.startsWith("sun.")
        || callerClass.startsWith("com.sun."));
  }

  private static Optional<StackWalker.StackFrame> firstCaller() {
    return WALKER.walk(
        frames ->
            frames
                .filter(
                    frame -> {
                      String name = frame.getClassName();
                      return !name.startsWith("java.util.concurrent.atomic.")
                          && !name.startsWith("io.ftjvm.bootstrap.")
                          && !name.startsWith("io.ftjvm.agent.")
                          && !name.startsWith("io.ftjvm.instrumentation.");
                    })
                .findFirst());
  }
}
