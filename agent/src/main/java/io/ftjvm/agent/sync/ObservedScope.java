package io.ftjvm.agent.sync;

import java.util.Optional;

/**
 * Which java.util.concurrent locks, atomic variables, concurrent maps, semaphores and latches are
 * ordered: those the application uses (its own, those of the java.util.concurrent classes it calls,
 * Random's seed, the JDK's InternalLock behind System.out on Java 21+), not the JDK's internal ones
 * (a socket channel's locks, the lambda class counter, ThreadLocal hash codes, ...). Whichever
 * thread first touches an internal one depends on timing or hash order, and ordering it would make
 * replay diverge for nothing the application can see. Decided once per object, from the class that
 * first uses it. (Monitors need no such decision: only application classes' monitors are
 * instrumented.)
 */
final class ObservedScope {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private ObservedScope() {}

  /** Whether this lock or atomic is ordered; decided at its first use. */
  static boolean captured(LockState state) {
    Boolean decided = state.observed;
    if (decided != null) {
      return decided;
    }
    synchronized (state) {
      if (state.observed == null) {
        state.observed =
            firstCaller()
                .map(caller -> observedByApplication(caller.getClassName(), caller.getMethodName()))
                .orElse(false);
      }
      return state.observed;
    }
  }

  /** Whether a lock or atomic first used by this method of this class is the application's. */
  static boolean observedByApplication(String callerClass, String callerMethod) {
    if (callerClass.equals("java.util.Random")) {
      // A Random's own seed is ordered (a Random shared by threads); the static counter that
      // seeds new Randoms is not (the seeds themselves are captured as determinants).
      return !callerMethod.equals("seedUniquifier");
    }
    if (callerClass.equals("java.util.concurrent.ThreadLocalRandom")) {
      // Its internal counters (probes, seeders) feed values that are captured as determinants
      // themselves, and are first touched whenever some thread happens to need them.
      return false;
    }
    if (callerClass.startsWith("java.util.concurrent.ForkJoinPool")) {
      // A pool's own lock (Java 17's registrationLock) is taken by its workers as they start and
      // stop, and by shutdown only while some worker is still active: both depend on how the
      // workers' steals went, which replay does not order (it orders the tasks instead).
      return false;
    }
    if (callerClass.startsWith("java.util.concurrent.")
        || callerClass.equals("jdk.internal.misc.InternalLock")) {
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
                      // The ordered lock-free classes themselves: decided by who uses them.
                      return !name.startsWith("java.util.concurrent.atomic.")
                          && !name.startsWith("java.util.concurrent.CompletableFuture")
                          && !name.equals("java.util.concurrent.ConcurrentLinkedQueue")
                          && !name.startsWith("java.util.concurrent.ConcurrentHashMap")
                          && !name.equals("java.util.concurrent.CopyOnWriteArrayList")
                          && !name.startsWith("java.util.concurrent.ConcurrentSkipList")
                          && !name.startsWith("java.util.concurrent.Semaphore")
                          && !name.startsWith("java.util.concurrent.CountDownLatch")
                          && !name.startsWith("java.util.concurrent.locks.")
                          && !name.startsWith("io.ftjvm.bootstrap.")
                          && !name.startsWith("io.ftjvm.agent.")
                          && !name.startsWith("io.ftjvm.instrumentation.");
                    })
                .findFirst());
  }
}
