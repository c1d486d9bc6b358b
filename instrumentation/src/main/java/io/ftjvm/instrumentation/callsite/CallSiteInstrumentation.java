package io.ftjvm.instrumentation.callsite;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.ftjvm.instrumentation.CaptureModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Clock reads, identity hashes and monitor operations are JIT intrinsics or bytecodes, so they are
 * captured at their call sites: in every application and library class, and in the JDK classes
 * through which applications observe identity hashes (hash-based collections, Object.toString,
 * Enum.hashCode) or the clock (java.util.Date).
 */
public final class CallSiteInstrumentation implements CaptureModule {
  /** JDK classes whose own hashCode call sites decide what applications observe. */
  static final String[] JDK_HASH_USERS = {
    "java.lang.Object",
    "java.lang.Enum",
    "java.util.HashMap",
    "java.util.Hashtable",
    "java.util.WeakHashMap",
    "java.util.IdentityHashMap",
    "java.util.concurrent.ConcurrentHashMap",
    "java.util.Objects",
    "java.util.Arrays",
    "java.util.AbstractList",
    "java.util.AbstractSet",
    "java.util.AbstractMap",
  };

  /**
   * JDK classes whose own clock reads decide what the application sees: Date's "now", and when a
   * ScheduledThreadPoolExecutor's task is due (its trigger time and delay).
   */
  private static final String[] JDK_CLOCK_USERS = {
    "java.util.Date",
    "java.util.concurrent.ScheduledThreadPoolExecutor",
    "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask",
  };

  /**
   * FutureTask's state steps (VarHandle compare-and-sets, volatile fields, and its callable; see
   * VolatileFields) are ordered as an application class's: a periodic task's runAndReset races
   * cancel, and whether the task's body runs once more depends on which comes first. Its clock
   * reads are captured too: a timed get decides by them whether it timed out.
   */
  private static final String FUTURE_TASK = "java.util.concurrent.FutureTask";

  /**
   * JDK classes ordered as an application class is (memory steps, monitors, waits, clock reads).
   * SubmissionPublisher hands items to its subscribers lock-free: every memory step of a
   * subscription (its control word, demand, buffer indices and slots, the producer's waiter) and
   * the publisher's own lock and fields are ordered, so how many items a subscriber gets before the
   * publisher waits, and the lag {@code submit} answers, replay. A Timer's thread decides by its
   * own clock reads whether a task is due, under its monitors, and waits on them with a timeout.
   */
  static final String[] ORDERED_AS_APPLICATION = {
    "java.util.concurrent.SubmissionPublisher",
    "java.util.concurrent.SubmissionPublisher$BufferedSubscription",
    "java.util.Timer",
    "java.util.TimerThread",
    "java.util.TimerTask",
    "java.util.TaskQueue",
  };

  /**
   * JDK classes that read a thread's id on the application's behalf: a LogRecord notes the logging
   * thread's, which a formatter may print ({@code getLongThreadID()}); a replay printed another.
   */
  static final String[] THREAD_ID_READERS = {"java.util.logging.LogRecord"};

  private final boolean clocks;
  private final boolean hashes;
  private final boolean locks;
  private final ClassLoader agentLoader;

  public CallSiteInstrumentation(
      boolean clocks, boolean hashes, boolean locks, ClassLoader agentLoader) {
    this.clocks = clocks;
    this.hashes = hashes;
    this.locks = locks;
    this.agentLoader = agentLoader;
  }

  @Override
  public String name() {
    return "call-sites";
  }

  @Override
  public java.util.List<String> jdkClasses() {
    java.util.List<String> classes = new java.util.ArrayList<>();
    if (hashes) {
      classes.addAll(java.util.List.of(JDK_HASH_USERS));
    }
    if (clocks) {
      classes.addAll(java.util.List.of(JDK_CLOCK_USERS));
    }
    if (locks) {
      classes.add("java.io.PrintStream");
      classes.add(FUTURE_TASK);
      classes.addAll(java.util.List.of(ORDERED_AS_APPLICATION));
      classes.addAll(java.util.List.of(THREAD_ID_READERS));
    }
    return classes;
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    ElementMatcher.Junction<ClassLoader> applicationLoaders =
        not(isBootstrapClassLoader()).and(loader -> loader != agentLoader);
    if (clocks || hashes || locks) {
      builder =
          builder
              .type(not(named("java.lang.Object")), applicationLoaders)
              .transform(
                  (b, type, loader, module, domain) ->
                      b.visit(CallSiteRewriting.applicationClasses(clocks, hashes, locks)));
    }
    if (hashes) {
      builder =
          builder
              .type(namedOneOf(JDK_HASH_USERS), isBootstrapClassLoader())
              .transform(
                  (b, type, loader, module, domain) -> b.visit(CallSiteRewriting.hashesOnly()));
    }
    if (locks) {
      // System.out's lock decides the order of lines printed by several threads (Java 17; on
      // Java 21+ it is a ReentrantLock, ordered by the sync module).
      builder =
          builder
              .type(named("java.io.PrintStream"), isBootstrapClassLoader())
              .transform(
                  (b, type, loader, module, domain) -> b.visit(CallSiteRewriting.locksOnly()));
    }
    if (locks) {
      builder =
          builder
              .type(
                  named(FUTURE_TASK).or(namedOneOf(ORDERED_AS_APPLICATION)),
                  isBootstrapClassLoader())
              .transform(
                  (b, type, loader, module, domain) ->
                      b.visit(CallSiteRewriting.applicationClasses(clocks, false, true)));
    }
    if (locks) {
      builder =
          builder
              .type(namedOneOf(THREAD_ID_READERS), isBootstrapClassLoader())
              .transform(
                  (b, type, loader, module, domain) ->
                      b.visit(CallSiteRewriting.threadReadsOnly()));
    }
    if (clocks) {
      builder =
          builder
              .type(namedOneOf(JDK_CLOCK_USERS), isBootstrapClassLoader())
              .transform(
                  (b, type, loader, module, domain) -> b.visit(CallSiteRewriting.clocksOnly()));
    }
    return builder;
  }
}
