package io.ftjvm.instrumentation.callsite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Calls in application code whose answer depends on the run, not on the program: a thread's id (the
 * JVM numbers its own threads and the agent's with the program's), how many threads are alive and
 * which (and, through the ThreadMXBean, their states, locks and stacks), what the JVM reports about
 * itself (process ids, uptime, memory and its limit, CPU times, its counts of threads, classes and
 * collections, the machine's load and memory) and what a thread pool reports about itself (busy
 * workers, finished tasks). Each becomes a call to the hook that logs the answer, or replays it.
 */
final class RunDependentReads {
  private static final String THREAD_LIST_HOOKS = "io/ftjvm/bootstrap/ThreadListHooks";
  private static final String THREAD_ID_HOOKS = "io/ftjvm/bootstrap/ThreadIdHooks";
  private static final String JVM_REPORTS = "io/ftjvm/bootstrap/JvmReports";
  private static final String THREAD_INFO_HOOKS = "io/ftjvm/bootstrap/ThreadInfoHooks";
  private static final String THREAD_INFO = "Ljava/lang/management/ThreadInfo;";

  /** The JvmReports method that takes a report of each type (as a descriptor) and answers it. */
  private static final Map<String, String> REPORT_HOOKS =
      Map.of("J", "number", "I", "count", "Z", "flag", "D", "real", "Ljava/lang/String;", "text");

  /** What the JVM reports about itself, as owner, name and descriptor of each method. */
  private static final Set<String> THE_JVMS_OWN =
      Set.of(
          "java/lang/ProcessHandle.pid()J",
          "java/lang/Process.pid()J",
          "java/lang/Runtime.freeMemory()J",
          "java/lang/Runtime.totalMemory()J",
          "java/lang/management/RuntimeMXBean.getPid()J",
          "java/lang/management/RuntimeMXBean.getUptime()J",
          "java/lang/management/RuntimeMXBean.getStartTime()J",
          "java/lang/management/RuntimeMXBean.getName()Ljava/lang/String;",
          "java/lang/management/ThreadMXBean.getCurrentThreadCpuTime()J",
          "java/lang/management/ThreadMXBean.getCurrentThreadUserTime()J",
          "java/lang/management/ThreadMXBean.getThreadCpuTime(J)J",
          "java/lang/management/ThreadMXBean.getThreadUserTime(J)J",
          "com/sun/management/ThreadMXBean.getCurrentThreadCpuTime()J",
          "com/sun/management/ThreadMXBean.getCurrentThreadUserTime()J",
          "com/sun/management/ThreadMXBean.getThreadCpuTime(J)J",
          "com/sun/management/ThreadMXBean.getThreadUserTime(J)J",
          "com/sun/management/ThreadMXBean.getCurrentThreadAllocatedBytes()J",
          "com/sun/management/ThreadMXBean.getThreadAllocatedBytes(J)J",
          // The heap's limit follows the machine's memory unless -Xmx sets it, and replay may run
          // elsewhere; the JVM's own counts (threads, classes, collections) include the JVM's and
          // the agent's work and move with the run. Metrics libraries read all of them.
          "java/lang/Runtime.maxMemory()J",
          "java/lang/management/ThreadMXBean.getThreadCount()I",
          "java/lang/management/ThreadMXBean.getPeakThreadCount()I",
          "java/lang/management/ThreadMXBean.getDaemonThreadCount()I",
          "java/lang/management/ThreadMXBean.getTotalStartedThreadCount()J",
          "com/sun/management/ThreadMXBean.getThreadCount()I",
          "com/sun/management/ThreadMXBean.getPeakThreadCount()I",
          "com/sun/management/ThreadMXBean.getDaemonThreadCount()I",
          "com/sun/management/ThreadMXBean.getTotalStartedThreadCount()J",
          "java/lang/management/ClassLoadingMXBean.getLoadedClassCount()I",
          "java/lang/management/ClassLoadingMXBean.getTotalLoadedClassCount()J",
          "java/lang/management/ClassLoadingMXBean.getUnloadedClassCount()J",
          "java/lang/management/GarbageCollectorMXBean.getCollectionCount()J",
          "java/lang/management/GarbageCollectorMXBean.getCollectionTime()J",
          "com/sun/management/GarbageCollectorMXBean.getCollectionCount()J",
          "com/sun/management/GarbageCollectorMXBean.getCollectionTime()J");

  /**
   * Owner, name and descriptor of each method whose answer goes through JvmReports: the JVM's own
   * reports and the machine's.
   */
  private static final Set<String> REPORTED = reported();

  /**
   * Whether {@code owner.name descriptor} (owner in internal form, name and descriptor run
   * together) is a report of the JVM's whose answer a rewritten call site logs: the same list tells
   * ReflectedReportInstrumentation which methods a reflective call is logged at.
   */
  static boolean isReported(String owner, String nameAndDescriptor) {
    return REPORTED.contains(owner + "." + nameAndDescriptor);
  }

  private static Set<String> reported() {
    Set<String> methods = new java.util.HashSet<>(THE_JVMS_OWN);
    // The machine the JVM runs on: its load, its memory and swap, this process's CPU load and
    // descriptors. Through the interface the program declared, which may be a subtype's.
    methods.add("java/lang/management/OperatingSystemMXBean.getSystemLoadAverage()D");
    addEach(
        methods,
        List.of(
            "com/sun/management/OperatingSystemMXBean",
            "com/sun/management/UnixOperatingSystemMXBean"),
        List.of(
            "getSystemLoadAverage()D",
            "getCpuLoad()D",
            "getSystemCpuLoad()D",
            "getProcessCpuLoad()D",
            "getProcessCpuTime()J",
            "getCommittedVirtualMemorySize()J",
            "getFreeMemorySize()J",
            "getFreePhysicalMemorySize()J",
            "getTotalMemorySize()J",
            "getTotalPhysicalMemorySize()J",
            "getFreeSwapSpaceSize()J",
            "getTotalSwapSpaceSize()J"));
    addEach(
        methods,
        List.of("com/sun/management/UnixOperatingSystemMXBean"),
        List.of("getOpenFileDescriptorCount()J", "getMaxFileDescriptorCount()J"));
    // How much of the heap (or of one memory pool) is used and committed moves with every
    // allocation and collection; its limit follows the machine's memory. A MemoryUsage the
    // program made itself is answered what it holds, as recorded.
    addEach(
        methods,
        List.of("java/lang/management/MemoryUsage"),
        List.of("getInit()J", "getUsed()J", "getCommitted()J", "getMax()J"));
    methods.add("java/lang/management/MemoryMXBean.getObjectPendingFinalizationCount()I");
    return Set.copyOf(methods);
  }

  /** Adds {@code owner.method} for every owner and every method (name and descriptor). */
  private static void addEach(Set<String> into, List<String> owners, List<String> methods) {
    for (String owner : owners) {
      for (String method : methods) {
        into.add(owner + "." + method);
      }
    }
  }

  /**
   * A thread pool's statistics: how many of its workers are busy, how many tasks it has finished,
   * how many are queued or stolen. A worker updates them as it goes, unordered, so what a reader
   * sees depends on how far the workers have got: owner, name and descriptor of each, answered
   * through JvmReports like the JVM's own reports (the call itself still runs, taking the pool's
   * lock in its turn).
   */
  private static final Set<String> POOL_STATISTICS = poolStatistics();

  private static Set<String> poolStatistics() {
    Set<String> methods = new java.util.HashSet<>();
    addEach(
        methods,
        List.of(
            "java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ScheduledThreadPoolExecutor"),
        List.of(
            "getActiveCount()I",
            "getPoolSize()I",
            "getLargestPoolSize()I",
            "getCompletedTaskCount()J",
            "getTaskCount()J"));
    addEach(
        methods,
        List.of("java/util/concurrent/ForkJoinPool"),
        List.of(
            "getActiveThreadCount()I",
            "getRunningThreadCount()I",
            "getPoolSize()I",
            "getQueuedSubmissionCount()I",
            "getQueuedTaskCount()J",
            "getStealCount()J",
            "hasQueuedSubmissions()Z",
            "isQuiescent()Z"));
    return Set.copyOf(methods);
  }

  /**
   * What the ThreadMXBean says of the threads (owner, name and descriptor of each method) and the
   * ThreadInfoHooks method its answer goes through: which threads are alive or deadlocked, and
   * their state, locks and stacks. The call itself still runs, then the hook logs or replays its
   * answer.
   */
  private static final Map<String, String> THREAD_INFO_READS = threadInfoReads();

  private static Map<String, String> threadInfoReads() {
    Map<String, String> hooks = new java.util.HashMap<>();
    for (String owner :
        List.of("java/lang/management/ThreadMXBean", "com/sun/management/ThreadMXBean")) {
      hooks.put(owner + ".getAllThreadIds()[J", "threadIds");
      hooks.put(owner + ".findDeadlockedThreads()[J", "deadlockedThreadIds");
      hooks.put(owner + ".findMonitorDeadlockedThreads()[J", "deadlockedThreadIds");
      hooks.put(owner + ".getThreadInfo(J)" + THREAD_INFO, "threadInfo");
      hooks.put(owner + ".getThreadInfo(JI)" + THREAD_INFO, "threadInfo");
      for (String arguments : List.of("[J", "[JI", "[JZZ", "[JZZI")) {
        hooks.put(owner + ".getThreadInfo(" + arguments + ")[" + THREAD_INFO, "threadInfos");
      }
      for (String arguments : List.of("ZZ", "ZZI")) {
        hooks.put(owner + ".dumpAllThreads(" + arguments + ")[" + THREAD_INFO, "allThreadInfos");
      }
    }
    return Map.copyOf(hooks);
  }

  /** Rewrites nothing: code whose reads are not the application's. */
  static final RunDependentReads NONE = new RunDependentReads(false, false, null, () -> false);

  private final boolean reports;
  private final boolean threads;
  private final String rewritten;
  private final BooleanSupplier rewrittenIsThread;

  /**
   * @param reports what the JVM reports about itself is captured (with the clocks)
   * @param threads thread ids, counts and lists, and thread pools' statistics, are captured (with
   *     the locks)
   * @param rewritten the class being rewritten, in internal form
   * @param rewrittenIsThread whether it is a Thread subclass: asked only at a {@code getId()} call
   *     through its own type, since resolving its superclasses for every method of every class
   *     loaded would cost start-up for a rare call
   */
  RunDependentReads(
      boolean reports, boolean threads, String rewritten, BooleanSupplier rewrittenIsThread) {
    this.reports = reports;
    this.threads = threads;
    this.rewritten = rewritten;
    this.rewrittenIsThread = rewrittenIsThread;
  }

  /** Writes the call, rewritten, to {@code next} if it is one of these reads; false if not. */
  boolean rewrote(
      MethodVisitor next,
      int opcode,
      String owner,
      String name,
      String descriptor,
      boolean isInterface) {
    String method = owner + "." + name + descriptor;
    if ((reports && REPORTED.contains(method)) || (threads && POOL_STATISTICS.contains(method))) {
      String answer = descriptor.substring(descriptor.indexOf(')') + 1);
      callThenPassTheAnswer(
          next,
          opcode,
          owner,
          name,
          descriptor,
          isInterface,
          JVM_REPORTS,
          REPORT_HOOKS.get(answer));
      return true;
    }
    String threadInfoHook = threads ? THREAD_INFO_READS.get(method) : null;
    if (threadInfoHook != null) {
      callThenPassTheAnswer(
          next, opcode, owner, name, descriptor, isInterface, THREAD_INFO_HOOKS, threadInfoHook);
      return true;
    }
    if (threads && isThreadIdRead(opcode, owner, name, descriptor)) {
      next.visitMethodInsn(
          Opcodes.INVOKESTATIC, THREAD_ID_HOOKS, name, "(Ljava/lang/Thread;)J", false);
      return true;
    }
    if (threads && isThreadsTrace(opcode, owner, name, descriptor)) {
      next.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          THREAD_LIST_HOOKS,
          name,
          "(Ljava/lang/Thread;)[Ljava/lang/StackTraceElement;",
          false);
      return true;
    }
    if (threads && isThreadListing(opcode, owner, name, descriptor)) {
      // The group, when the call has one, becomes the hook's first argument.
      String hookDescriptor =
          opcode == Opcodes.INVOKESTATIC
              ? descriptor
              : "(Ljava/lang/ThreadGroup;" + descriptor.substring(1);
      next.visitMethodInsn(Opcodes.INVOKESTATIC, THREAD_LIST_HOOKS, name, hookDescriptor, false);
      return true;
    }
    return false;
  }

  /**
   * The call as it was, then its answer through {@code hooks.hook}, which takes the answer and
   * gives one of the same type back (same type on the stack).
   */
  private static void callThenPassTheAnswer(
      MethodVisitor next,
      int opcode,
      String owner,
      String name,
      String descriptor,
      boolean isInterface,
      String hooks,
      String hook) {
    next.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    String answer = descriptor.substring(descriptor.indexOf(')') + 1);
    next.visitMethodInsn(Opcodes.INVOKESTATIC, hooks, hook, "(" + answer + ")" + answer, false);
  }

  /**
   * {@code getId()} or {@code threadId()} of a Thread: called through Thread itself, or through the
   * class being rewritten when it is a Thread subclass ({@code getId()} in a worker's own run()).
   * Through other declared types it is left alone: a {@code long getId()} is too common a method to
   * send every such call through a bootstrap method, as isAlive() is.
   */
  private boolean isThreadIdRead(int opcode, String owner, String name, String descriptor) {
    return opcode == Opcodes.INVOKEVIRTUAL
        && "()J".equals(descriptor)
        && ("getId".equals(name) || "threadId".equals(name))
        && calledThroughAThread(owner);
  }

  /**
   * The call's declared owner is Thread itself, or the class being rewritten when it is a Thread
   * subclass (resolved only when asked: see the constructor).
   */
  private boolean calledThroughAThread(String owner) {
    return "java/lang/Thread".equals(owner)
        || (owner.equals(rewritten) && rewrittenIsThread.getAsBoolean());
  }

  /**
   * {@code getStackTrace()} of a Thread, through Thread itself or the class being rewritten when it
   * is a Thread subclass (as {@code getId()}): another thread's trace is where it had got.
   */
  private boolean isThreadsTrace(int opcode, String owner, String name, String descriptor) {
    return opcode == Opcodes.INVOKEVIRTUAL
        && "getStackTrace".equals(name)
        && "()[Ljava/lang/StackTraceElement;".equals(descriptor)
        && calledThroughAThread(owner);
  }

  /**
   * Thread.activeCount(), Thread.enumerate(Thread[]), Thread.getAllStackTraces(), and a
   * ThreadGroup's activeCount() and enumerate(Thread[]) or enumerate(Thread[], boolean): the
   * questions whose answer is which threads are alive (and, for the traces, where each one is). (A
   * group's enumerate(ThreadGroup[]) lists groups, which the application makes and destroys
   * itself.)
   */
  private static boolean isThreadListing(int opcode, String owner, String name, String descriptor) {
    boolean count = "activeCount".equals(name) && "()I".equals(descriptor);
    boolean list = "enumerate".equals(name) && "([Ljava/lang/Thread;)I".equals(descriptor);
    boolean listDeep = "enumerate".equals(name) && "([Ljava/lang/Thread;Z)I".equals(descriptor);
    boolean traces = "getAllStackTraces".equals(name) && "()Ljava/util/Map;".equals(descriptor);
    if (opcode == Opcodes.INVOKESTATIC) {
      return "java/lang/Thread".equals(owner) && (count || list || traces);
    }
    return opcode == Opcodes.INVOKEVIRTUAL
        && "java/lang/ThreadGroup".equals(owner)
        && (count || list || listDeep);
  }
}
