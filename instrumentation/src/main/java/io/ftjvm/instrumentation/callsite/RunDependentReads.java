package io.ftjvm.instrumentation.callsite;

import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Calls in application code whose answer depends on the run, not on the program: a thread's id (the
 * JVM numbers its own threads and the agent's with the program's), how many threads are alive and
 * which, what the JVM reports about itself (process ids, uptime, memory, CPU times) and what a
 * thread pool reports about itself (busy workers, finished tasks). Each becomes a call to the hook
 * that logs the answer, or replays it.
 */
final class RunDependentReads {
  private static final String THREAD_LIST_HOOKS = "io/ftjvm/bootstrap/ThreadListHooks";
  private static final String THREAD_ID_HOOKS = "io/ftjvm/bootstrap/ThreadIdHooks";
  private static final String JVM_REPORTS = "io/ftjvm/bootstrap/JvmReports";

  /** Owner, name and descriptor of each method whose answer goes through JvmReports. */
  private static final Set<String> REPORTED =
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
          "com/sun/management/OperatingSystemMXBean.getProcessCpuTime()J");

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
    for (String pool :
        List.of(
            "java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ScheduledThreadPoolExecutor")) {
      for (String method :
          List.of(
              "getActiveCount()I",
              "getPoolSize()I",
              "getLargestPoolSize()I",
              "getCompletedTaskCount()J",
              "getTaskCount()J")) {
        methods.add(pool + "." + method);
      }
    }
    for (String method :
        List.of(
            "getActiveThreadCount()I",
            "getRunningThreadCount()I",
            "getPoolSize()I",
            "getQueuedSubmissionCount()I",
            "getQueuedTaskCount()J",
            "getStealCount()J",
            "hasQueuedSubmissions()Z",
            "isQuiescent()Z")) {
      methods.add("java/util/concurrent/ForkJoinPool." + method);
    }
    return Set.copyOf(methods);
  }

  private final boolean reports;
  private final boolean threads;
  private final String threadSubclass;

  /**
   * @param reports what the JVM reports about itself is captured (with the clocks)
   * @param threads thread ids, counts and lists are captured (with the locks)
   * @param threadSubclass the class rewritten, in internal form, if it is a Thread subclass
   */
  RunDependentReads(boolean reports, boolean threads, String threadSubclass) {
    this.reports = reports;
    this.threads = threads;
    this.threadSubclass = threadSubclass;
  }

  /** Writes the call, rewritten, to {@code next} if it is one of these reads; false if not. */
  boolean rewrote(
      MethodVisitor next,
      int opcode,
      String owner,
      String name,
      String descriptor,
      boolean isInterface) {
    if (reports && REPORTED.contains(owner + "." + name + descriptor)) {
      // The call as it was, then its answer through the hook (same type on the stack).
      next.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      boolean text = descriptor.endsWith(")Ljava/lang/String;");
      next.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          JVM_REPORTS,
          text ? "text" : "number",
          text ? "(Ljava/lang/String;)Ljava/lang/String;" : "(J)J",
          false);
      return true;
    }
    if (threads && POOL_STATISTICS.contains(owner + "." + name + descriptor)) {
      next.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      char type = descriptor.charAt(descriptor.length() - 1);
      next.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          JVM_REPORTS,
          type == 'J' ? "number" : type == 'I' ? "count" : "flag",
          "(" + type + ")" + type,
          false);
      return true;
    }
    if (threads && isThreadIdRead(opcode, owner, name, descriptor)) {
      next.visitMethodInsn(
          Opcodes.INVOKESTATIC, THREAD_ID_HOOKS, name, "(Ljava/lang/Thread;)J", false);
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
   * {@code getId()} or {@code threadId()} of a Thread: called through Thread itself, or through the
   * class being rewritten when it is a Thread subclass ({@code getId()} in a worker's own run()).
   * Through other declared types it is left alone: a {@code long getId()} is too common a method to
   * send every such call through a bootstrap method, as isAlive() is.
   */
  private boolean isThreadIdRead(int opcode, String owner, String name, String descriptor) {
    return opcode == Opcodes.INVOKEVIRTUAL
        && "()J".equals(descriptor)
        && ("getId".equals(name) || "threadId".equals(name))
        && ("java/lang/Thread".equals(owner) || owner.equals(threadSubclass));
  }

  /**
   * Thread.activeCount(), Thread.enumerate(Thread[]), and a ThreadGroup's activeCount() and
   * enumerate(Thread[]) or enumerate(Thread[], boolean): the questions whose answer is which
   * threads are alive. (A group's enumerate(ThreadGroup[]) lists groups, which the application
   * makes and destroys itself.)
   */
  private static boolean isThreadListing(int opcode, String owner, String name, String descriptor) {
    boolean count = "activeCount".equals(name) && "()I".equals(descriptor);
    boolean list = "enumerate".equals(name) && "([Ljava/lang/Thread;)I".equals(descriptor);
    boolean listDeep = "enumerate".equals(name) && "([Ljava/lang/Thread;Z)I".equals(descriptor);
    if (opcode == Opcodes.INVOKESTATIC) {
      return "java/lang/Thread".equals(owner) && (count || list);
    }
    return opcode == Opcodes.INVOKEVIRTUAL
        && "java/lang/ThreadGroup".equals(owner)
        && (count || list || listDeep);
  }
}
