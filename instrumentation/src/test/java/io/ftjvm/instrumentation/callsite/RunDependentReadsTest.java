package io.ftjvm.instrumentation.callsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Which calls are rewritten as reads whose answer depends on the run, and into what: strict on
 * owner, name and descriptor, so that an application's own {@code long getId()} or a group's list
 * of groups is left as it is.
 */
class RunDependentReadsTest {
  private final List<String> written = new ArrayList<>();

  private final MethodVisitor next =
      new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String name, String descriptor, boolean isInterface) {
          written.add(owner + "." + name + descriptor);
        }
      };

  private final RunDependentReads reads =
      new RunDependentReads(true, true, "app/Worker", () -> true);

  @Test
  void aReportKeepsItsCallAndPassesTheAnswerThroughTheHook() {
    assertTrue(
        reads.rewrote(
            next, Opcodes.INVOKEINTERFACE, "java/lang/ProcessHandle", "pid", "()J", true));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "java/lang/management/RuntimeMXBean",
            "getName",
            "()Ljava/lang/String;",
            true));
    assertEquals(
        List.of(
            "java/lang/ProcessHandle.pid()J",
            "io/ftjvm/bootstrap/JvmReports.number(J)J",
            "java/lang/management/RuntimeMXBean.getName()Ljava/lang/String;",
            "io/ftjvm/bootstrap/JvmReports.text(Ljava/lang/String;)Ljava/lang/String;"),
        written);
  }

  @Test
  void whatTheThreadMxBeanSaysOfThreadsKeepsItsCallAndGoesThroughTheThreadInfoHook() {
    String info = "Ljava/lang/management/ThreadInfo;";
    String bean = "java/lang/management/ThreadMXBean";
    assertTrue(rewroteInterfaceCall(bean, "getThreadInfo", "([J)[" + info));
    assertTrue(
        rewroteInterfaceCall("com/sun/management/ThreadMXBean", "dumpAllThreads", "(ZZI)[" + info));
    assertTrue(rewroteInterfaceCall(bean, "getAllThreadIds", "()[J"));
    assertTrue(rewroteInterfaceCall(bean, "getThreadInfo", "(JI)" + info));
    assertEquals(
        List.of(
            "java/lang/management/ThreadMXBean.getThreadInfo([J)[" + info,
            "io/ftjvm/bootstrap/ThreadInfoHooks.threadInfos([" + info + ")[" + info,
            "com/sun/management/ThreadMXBean.dumpAllThreads(ZZI)[" + info,
            "io/ftjvm/bootstrap/ThreadInfoHooks.allThreadInfos([" + info + ")[" + info,
            "java/lang/management/ThreadMXBean.getAllThreadIds()[J",
            "io/ftjvm/bootstrap/ThreadInfoHooks.threadIds([J)[J",
            "java/lang/management/ThreadMXBean.getThreadInfo(JI)" + info,
            "io/ftjvm/bootstrap/ThreadInfoHooks.threadInfo(" + info + ")" + info),
        written);
    // Only with the threads captured, and only the ThreadMXBean's methods.
    assertFalse(
        new RunDependentReads(true, false, "app/Worker", () -> false)
            .rewrote(
                next,
                Opcodes.INVOKEINTERFACE,
                "java/lang/management/ThreadMXBean",
                "getAllThreadIds",
                "()[J",
                true));
    assertFalse(rewroteInterfaceCall("app/Monitor", "getAllThreadIds", "()[J"));
  }

  private boolean rewroteInterfaceCall(String owner, String name, String descriptor) {
    return reads.rewrote(next, Opcodes.INVOKEINTERFACE, owner, name, descriptor, true);
  }

  @Test
  void theHeapLimitAndTheJvmsOwnCountsAreReports() {
    assertTrue(
        reads.rewrote(next, Opcodes.INVOKEVIRTUAL, "java/lang/Runtime", "maxMemory", "()J", false));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "java/lang/management/ThreadMXBean",
            "getThreadCount",
            "()I",
            true));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "java/lang/management/GarbageCollectorMXBean",
            "getCollectionCount",
            "()J",
            true));
    assertEquals(
        List.of(
            "java/lang/Runtime.maxMemory()J",
            "io/ftjvm/bootstrap/JvmReports.number(J)J",
            "java/lang/management/ThreadMXBean.getThreadCount()I",
            "io/ftjvm/bootstrap/JvmReports.count(I)I",
            "java/lang/management/GarbageCollectorMXBean.getCollectionCount()J",
            "io/ftjvm/bootstrap/JvmReports.number(J)J"),
        written);
  }

  @Test
  void theMachinesLoadAndMemoryAreReportsAndARealNumberKeepsItsType() {
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "java/lang/management/OperatingSystemMXBean",
            "getSystemLoadAverage",
            "()D",
            true));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "com/sun/management/UnixOperatingSystemMXBean",
            "getProcessCpuLoad",
            "()D",
            true));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "com/sun/management/OperatingSystemMXBean",
            "getFreeMemorySize",
            "()J",
            true));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/lang/management/MemoryUsage",
            "getUsed",
            "()J",
            false));
    assertEquals(
        List.of(
            "java/lang/management/OperatingSystemMXBean.getSystemLoadAverage()D",
            "io/ftjvm/bootstrap/JvmReports.real(D)D",
            "com/sun/management/UnixOperatingSystemMXBean.getProcessCpuLoad()D",
            "io/ftjvm/bootstrap/JvmReports.real(D)D",
            "com/sun/management/OperatingSystemMXBean.getFreeMemorySize()J",
            "io/ftjvm/bootstrap/JvmReports.number(J)J",
            "java/lang/management/MemoryUsage.getUsed()J",
            "io/ftjvm/bootstrap/JvmReports.number(J)J"),
        written);
    // What the program cannot see change: the bean's name, the processor count (pinned instead).
    assertFalse(
        reads.rewrote(
            next,
            Opcodes.INVOKEINTERFACE,
            "java/lang/management/OperatingSystemMXBean",
            "getName",
            "()Ljava/lang/String;",
            true));
  }

  @Test
  void aThreadPoolsStatisticsAreReportsOnlyWhenThreadsAreCaptured() {
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/util/concurrent/ScheduledThreadPoolExecutor",
            "getCompletedTaskCount",
            "()J",
            false));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/util/concurrent/ForkJoinPool",
            "isQuiescent",
            "()Z",
            false));
    assertEquals(
        List.of(
            "java/util/concurrent/ScheduledThreadPoolExecutor.getCompletedTaskCount()J",
            "io/ftjvm/bootstrap/JvmReports.number(J)J",
            "java/util/concurrent/ForkJoinPool.isQuiescent()Z",
            "io/ftjvm/bootstrap/JvmReports.flag(Z)Z"),
        written);
    RunDependentReads reportsOnly = new RunDependentReads(true, false, "app/Worker", () -> true);
    assertFalse(
        reportsOnly.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/util/concurrent/ForkJoinPool",
            "isQuiescent",
            "()Z",
            false));
  }

  @Test
  void threadIdsThroughThreadOrTheRewrittenThreadSubclassGoToTheHook() {
    assertTrue(
        reads.rewrote(next, Opcodes.INVOKEVIRTUAL, "java/lang/Thread", "getId", "()J", false));
    assertTrue(reads.rewrote(next, Opcodes.INVOKEVIRTUAL, "app/Worker", "threadId", "()J", false));
    assertEquals(
        List.of(
            "io/ftjvm/bootstrap/ThreadIdHooks.getId(Ljava/lang/Thread;)J",
            "io/ftjvm/bootstrap/ThreadIdHooks.threadId(Ljava/lang/Thread;)J"),
        written);
  }

  @Test
  void countsAndListsOfThreadsGoToTheHookWithTheirGroup() {
    assertTrue(
        reads.rewrote(next, Opcodes.INVOKESTATIC, "java/lang/Thread", "activeCount", "()I", false));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/lang/ThreadGroup",
            "enumerate",
            "([Ljava/lang/Thread;Z)I",
            false));
    assertTrue(rewroteAllStackTraces(reads));
    assertTrue(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/lang/Thread",
            "getStackTrace",
            "()[Ljava/lang/StackTraceElement;",
            false));
    assertFalse(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/lang/Throwable",
            "getStackTrace",
            "()[Ljava/lang/StackTraceElement;",
            false));
    assertEquals(
        List.of(
            "io/ftjvm/bootstrap/ThreadListHooks.activeCount()I",
            "io/ftjvm/bootstrap/ThreadListHooks.enumerate(Ljava/lang/ThreadGroup;[Ljava/lang/Thread;Z)I",
            "io/ftjvm/bootstrap/ThreadListHooks.getAllStackTraces()Ljava/util/Map;",
            "io/ftjvm/bootstrap/ThreadListHooks.getStackTrace(Ljava/lang/Thread;)[Ljava/lang/StackTraceElement;"),
        written);
    // Only when threads are captured (with the locks), as the lists of threads are.
    assertFalse(rewroteAllStackTraces(new RunDependentReads(true, false, "app/Main", () -> false)));
  }

  private boolean rewroteAllStackTraces(RunDependentReads by) {
    return by.rewrote(
        next,
        Opcodes.INVOKESTATIC,
        "java/lang/Thread",
        "getAllStackTraces",
        "()Ljava/util/Map;",
        false);
  }

  @Test
  void othersAreLeftAlone() {
    assertFalse(reads.rewrote(next, Opcodes.INVOKEVIRTUAL, "app/Order", "getId", "()J", false));
    assertFalse(
        reads.rewrote(
            next,
            Opcodes.INVOKEVIRTUAL,
            "java/lang/ThreadGroup",
            "enumerate",
            "([Ljava/lang/ThreadGroup;)I",
            false));
    // Pinned instead: ./ftjvm replay starts the JVM with the recorded count.
    assertFalse(
        reads.rewrote(
            next, Opcodes.INVOKEVIRTUAL, "java/lang/Runtime", "availableProcessors", "()I", false));
    RunDependentReads inAnEntity = new RunDependentReads(true, true, "app/Order", () -> false);
    assertFalse(
        inAnEntity.rewrote(next, Opcodes.INVOKEVIRTUAL, "app/Order", "getId", "()J", false));
    RunDependentReads nothingCaptured = RunDependentReads.NONE;
    assertFalse(
        nothingCaptured.rewrote(
            next, Opcodes.INVOKEINTERFACE, "java/lang/ProcessHandle", "pid", "()J", true));
    assertFalse(
        nothingCaptured.rewrote(
            next, Opcodes.INVOKEVIRTUAL, "java/lang/Thread", "getId", "()J", false));
    assertEquals(List.of(), written);
  }
}
