package io.ftjvm.instrumentation.callsite;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites call sites that the JIT would otherwise turn into intrinsics we cannot advise: {@code
 * System.currentTimeMillis()}, {@code System.nanoTime()}, {@code System.identityHashCode} and
 * virtual {@code hashCode()} calls; and those of {@code Object.wait} and {@code Thread.sleep},
 * whose interrupts and wake-ups are ordered. Each is replaced by a static call to the bootstrap
 * hooks with the same stack effect, so no frames or locals change. In application classes,
 * VarHandle operations become invokedynamic instructions linked to ordered operations ({@code
 * OrderedVarHandles}), with the same stack effect too, and {@code LockSupport} parks go through
 * {@code ParkHooks}.
 */
final class CallSiteRewriter extends MethodVisitor {
  private static final String HOOKS = "io/ftjvm/bootstrap/Hooks";

  private static final String SYNC_HOOKS = "io/ftjvm/bootstrap/SyncHooks";
  static final String SHARED_MONITOR_HOOKS = "io/ftjvm/bootstrap/SharedMonitorHooks";

  /** The JDK's synchronized collections whose methods an application call site marks as its own. */
  private static final java.util.Set<String> SHARED_MONITOR_OWNERS =
      java.util.Set.of(
          "java/lang/StringBuffer",
          "java/util/Vector",
          "java/util/Stack",
          "java/util/Hashtable",
          "java/util/Properties");

  private static final String INTERRUPT_HOOKS = "io/ftjvm/bootstrap/InterruptHooks";
  private static final String THREAD_LIFE_HOOKS = "io/ftjvm/bootstrap/ThreadLifeHooks";

  private static final String FORK_JOIN_TASKS = "io/ftjvm/bootstrap/ForkJoinTasks";
  private static final String PARK_HOOKS = "io/ftjvm/bootstrap/ParkHooks";

  private static final String GET_STATE = "()Ljava/lang/Thread$State;";

  private final boolean clocks;
  private final boolean hashes;
  private final boolean locks;

  /**
   * Application code with lock capture: its VarHandle operations become ordered ones, and its
   * {@code LockSupport} parks are bounded in replay (see ParkHooks).
   */
  private final boolean applicationSync;

  /**
   * Whether isAlive()/isInterrupted()/getState() through a type other than Thread become
   * invokedynamic instructions (application classes of Java 7 or later, where invokedynamic
   * exists).
   */
  private final boolean threadCallSites;

  /** Application methods (not constructors or initializers): their volatile field accesses. */
  private final VolatileFields volatiles;

  /** Reads whose answer depends on the run: thread ids and counts, what the JVM reports. */
  private final RunDependentReads runReads;

  private boolean grewStack;

  private static final String STEPS = "io/ftjvm/bootstrap/LockFreeSteps";

  private static final Handle ORDERED_VAR_HANDLE =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          "io/ftjvm/bootstrap/OrderedVarHandles",
          "bootstrap",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
              + "Ljava/lang/invoke/CallSite;",
          false);

  private static final Handle THREAD_CALL =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          "io/ftjvm/bootstrap/ThreadCallSites",
          "bootstrap",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
              + "Ljava/lang/invoke/CallSite;",
          false);

  CallSiteRewriter(MethodVisitor next, boolean clocks, boolean hashes, boolean locks) {
    this(next, clocks, hashes, locks, false, false, null, RunDependentReads.NONE);
  }

  /**
   * {@code applicationSync}: VarHandle operations become ordered ones, and LockSupport parks go
   * through ParkHooks; {@code threadCallSites}: isAlive()/isInterrupted()/getState() called through
   * a Thread subclass's type are ordered; {@code volatiles}, if not null: so are reads and writes
   * of volatile fields; {@code runReads}: which reads whose answer depends on the run (thread ids
   * and counts, what the JVM reports) are rewritten.
   */
  CallSiteRewriter(
      MethodVisitor next,
      boolean clocks,
      boolean hashes,
      boolean locks,
      boolean applicationSync,
      boolean threadCallSites,
      VolatileFields volatiles,
      RunDependentReads runReads) {
    super(Opcodes.ASM9, next);
    this.clocks = clocks;
    this.hashes = hashes;
    this.locks = locks;
    this.applicationSync = applicationSync;
    this.threadCallSites = threadCallSites;
    this.volatiles = volatiles;
    this.runReads = runReads;
  }

  /**
   * A volatile field read or write is ordered as one atomic operation on the object (the class, for
   * a static field), between two calls that use only the operand stack: the object to order on is
   * copied from under the value where a write has it.
   */
  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    if (volatiles == null || !volatiles.isVolatile(owner, name)) {
      super.visitFieldInsn(opcode, owner, name, descriptor);
      return;
    }
    boolean wide = Type.getType(descriptor).getSize() == 2;
    switch (opcode) {
      case Opcodes.GETFIELD: // [obj] -> [obj, obj] -> [obj]
        super.visitInsn(Opcodes.DUP);
        break;
      case Opcodes.PUTFIELD:
        if (wide) { // [obj, v2] -> [v2, obj, v2] -> [v2, obj] -> [obj, v2, obj]
          super.visitInsn(Opcodes.DUP2_X1);
          super.visitInsn(Opcodes.POP2);
          super.visitInsn(Opcodes.DUP_X2);
        } else { // [obj, v] -> [v, obj] -> [obj, v, obj]
          super.visitInsn(Opcodes.SWAP);
          super.visitInsn(Opcodes.DUP_X1);
        }
        break;
      default: // GETSTATIC, PUTSTATIC: ordered on the class
        super.visitLdcInsn(Type.getObjectType(owner));
        break;
    }
    super.visitMethodInsn(
        Opcodes.INVOKESTATIC, STEPS, "enterField", "(Ljava/lang/Object;)V", false);
    super.visitFieldInsn(opcode, owner, name, descriptor);
    super.visitMethodInsn(Opcodes.INVOKESTATIC, STEPS, "exitField", "()V", false);
    grewStack = true;
  }

  /**
   * monitorenter keeps a copy of the monitor so the hook can order the acquisition. The monitor's
   * identity hash is taken first, while it is not locked: the hook finds the lock by identity, and
   * hashing an object its thread holds locked inflates the monitor, so that every later
   * synchronized on it takes the JVM's slow path (measured: +160 ns per uncontended block).
   */
  @Override
  public void visitInsn(int opcode) {
    if (locks && opcode == Opcodes.MONITORENTER) {
      enterMonitor(mv, SYNC_HOOKS, "monitorEntered");
      grewStack = true;
      return;
    }
    super.visitInsn(opcode);
  }

  /**
   * Emits a monitorenter followed by {@code hookOwner.hookName(Object)} with the monitor; it needs
   * two more stack slots. The identity hash is taken before the monitor: hashing a locked object
   * would inflate its lock.
   */
  static void enterMonitor(MethodVisitor next, String hookOwner, String hookName) {
    next.visitInsn(Opcodes.DUP);
    next.visitInsn(Opcodes.DUP);
    next.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        "java/lang/System",
        "identityHashCode",
        "(Ljava/lang/Object;)I",
        false);
    next.visitInsn(Opcodes.POP);
    next.visitInsn(Opcodes.MONITORENTER);
    next.visitMethodInsn(Opcodes.INVOKESTATIC, hookOwner, hookName, "(Ljava/lang/Object;)V", false);
  }

  /**
   * Method references ({@code System::currentTimeMillis}, {@code Thread::sleep}, ...) are linked by
   * invokedynamic to a handle of the method itself, with no call site to rewrite: the handle is
   * swapped for the hook's, which has the same type.
   */
  @Override
  public void visitInvokeDynamicInsn(
      String name, String descriptor, Handle bootstrap, Object... arguments) {
    Object[] swapped = arguments.clone();
    for (int i = 0; i < swapped.length; i++) {
      if (swapped[i] instanceof Handle) {
        swapped[i] = hookFor((Handle) swapped[i]);
      }
    }
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, swapped);
  }

  private Handle hookFor(Handle method) {
    if (method.getTag() != Opcodes.H_INVOKESTATIC) {
      return method;
    }
    String owner = method.getOwner();
    String name = method.getName();
    String descriptor = method.getDesc();
    if ("java/lang/System".equals(owner)) {
      if (clocks
          && "()J".equals(descriptor)
          && ("currentTimeMillis".equals(name) || "nanoTime".equals(name))) {
        return new Handle(Opcodes.H_INVOKESTATIC, HOOKS, name, descriptor, false);
      }
      if (hashes && "identityHashCode".equals(name)) {
        return new Handle(Opcodes.H_INVOKESTATIC, HOOKS, name, descriptor, false);
      }
    }
    if (locks
        && "java/lang/Thread".equals(owner)
        && "sleep".equals(name)
        && ("(J)V".equals(descriptor) || "(JI)V".equals(descriptor))) {
      return new Handle(Opcodes.H_INVOKESTATIC, INTERRUPT_HOOKS, name, descriptor, false);
    }
    return method;
  }

  /** The VarHandle methods that access a variable (not toMethodHandle, accessModeType, ...). */
  static boolean isAccessMode(String name) {
    for (java.lang.invoke.VarHandle.AccessMode mode :
        java.lang.invoke.VarHandle.AccessMode.values()) {
      if (mode.methodName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(grewStack ? maxStack + 2 : maxStack, maxLocals);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (opcode == Opcodes.INVOKESTATIC && "java/lang/System".equals(owner)) {
      if (clocks
          && "()J".equals(descriptor)
          && ("currentTimeMillis".equals(name) || "nanoTime".equals(name))) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, "()J", false);
        return;
      }
      if (hashes && "identityHashCode".equals(name)) {
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC, HOOKS, "identityHashCode", "(Ljava/lang/Object;)I", false);
        return;
      }
    }
    if (locks
        && opcode == Opcodes.INVOKESTATIC
        && "java/util/concurrent/ForkJoinPool".equals(owner)
        && "helpAsyncBlocker".equals(name)) {
      // Package-private: only SubmissionPublisher (ordered like an application class) calls it
      // here. How often its producer asks while helping is a race; see PublisherWaits.
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC, "io/ftjvm/bootstrap/PublisherWaits", name, descriptor, false);
      return;
    }
    if (applicationSync
        && opcode == Opcodes.INVOKESTATIC
        && "java/util/concurrent/locks/LockSupport".equals(owner)
        && (name.equals("park") || name.equals("parkNanos") || name.equals("parkUntil"))) {
      // Same descriptors; replay bounds the park: its recorded wake-up may never come (ParkHooks).
      super.visitMethodInsn(Opcodes.INVOKESTATIC, PARK_HOOKS, name, descriptor, false);
      return;
    }
    if (applicationSync
        && opcode == Opcodes.INVOKEVIRTUAL
        && "java/lang/invoke/VarHandle".equals(owner)
        && isAccessMode(name)) {
      // Signature-polymorphic: one invokedynamic per descriptor, the VarHandle its first argument.
      super.visitInvokeDynamicInsn(
          name, "(Ljava/lang/invoke/VarHandle;" + descriptor.substring(1), ORDERED_VAR_HANDLE);
      return;
    }
    if (locks
        && opcode == Opcodes.INVOKEVIRTUAL
        && "wait".equals(name)
        && ("()V".equals(descriptor) || "(J)V".equals(descriptor) || "(JI)V".equals(descriptor))) {
      // Object.wait is final, so every such call is Object.wait: the re-acquisition is ordered.
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          SYNC_HOOKS,
          "monitorWait",
          "(Ljava/lang/Object;" + descriptor.substring(1),
          false);
      return;
    }
    if (locks
        && opcode == Opcodes.INVOKESTATIC
        && "java/lang/Thread".equals(owner)
        && "interrupted".equals(name)
        && "()Z".equals(descriptor)) {
      // Application-level polls of the interrupt flag (see InterruptHooks.interrupted).
      super.visitMethodInsn(Opcodes.INVOKESTATIC, INTERRUPT_HOOKS, name, descriptor, false);
      return;
    }
    if (locks && opcode == Opcodes.INVOKEVIRTUAL && isThreadRead(name, descriptor)) {
      // Another thread's (or an application poll of its own) interrupt flag, whether it has
      // started or ended yet, what it is doing right now: see InterruptHooks and ThreadLifeHooks.
      if ("java/lang/Thread".equals(owner)) {
        String hooks = "isInterrupted".equals(name) ? INTERRUPT_HOOKS : THREAD_LIFE_HOOKS;
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            hooks,
            name,
            "(Ljava/lang/Thread;" + descriptor.substring(1),
            false);
        return;
      }
      if (threadCallSites && !owner.startsWith("[")) {
        // The same calls through another type, which may be a Thread subclass or not: decided
        // when the call site is linked (see ThreadCallSites).
        super.visitInvokeDynamicInsn(
            name, "(L" + owner + ";" + descriptor.substring(1), THREAD_CALL);
        return;
      }
    }
    if (runReads.rewrote(mv, opcode, owner, name, descriptor, isInterface)) {
      return;
    }
    if (locks
        && opcode == Opcodes.INVOKEVIRTUAL
        && "java/lang/Thread".equals(owner)
        && "getName".equals(name)
        && "()Ljava/lang/String;".equals(descriptor)) {
      // Inside a fork-join task, the worker's name: see ForkJoinTasks.nameRead.
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          FORK_JOIN_TASKS,
          "nameRead",
          "(Ljava/lang/Thread;)Ljava/lang/String;",
          false);
      return;
    }
    if (locks
        && opcode == Opcodes.INVOKESTATIC
        && "java/lang/Thread".equals(owner)
        && "sleep".equals(name)
        && ("(J)V".equals(descriptor) || "(JI)V".equals(descriptor))) {
      // Thread.sleep is native on Java 17: its call sites, not its body, see an interrupt.
      super.visitMethodInsn(Opcodes.INVOKESTATIC, INTERRUPT_HOOKS, name, descriptor, false);
      return;
    }
    if (hashes && "hashCode".equals(name) && "()I".equals(descriptor)) {
      if (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) {
        // Receivers whose class has its own hashCode are dispatched normally by the hook.
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC, HOOKS, "hashCode", "(Ljava/lang/Object;)I", false);
        return;
      }
      if (opcode == Opcodes.INVOKESPECIAL && "java/lang/Object".equals(owner)) {
        // super.hashCode() reaching Object is the identity hash.
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC, HOOKS, "identityHashCode", "(Ljava/lang/Object;)I", false);
        return;
      }
    }
    if (applicationSync
        && opcode == Opcodes.INVOKEVIRTUAL
        && SHARED_MONITOR_OWNERS.contains(owner)) {
      // The monitor the callee takes, if it is synchronized, is taken for the application.
      super.visitMethodInsn(Opcodes.INVOKESTATIC, SHARED_MONITOR_HOOKS, "callStarts", "()V", false);
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, SHARED_MONITOR_HOOKS, "callEnded", "()V", false);
      return;
    }
    if (applicationSync
        && opcode == Opcodes.INVOKESTATIC
        && "java/util/Collections".equals(owner)
        && name.startsWith("synchronized")) {
      // A wrapper the application made: its blocks are ordered (SharedMonitorHooks).
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      super.visitInsn(Opcodes.DUP);
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          SHARED_MONITOR_HOOKS,
          "wrapperCreated",
          "(Ljava/lang/Object;)V",
          false);
      grewStack = true;
      return;
    }
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  /** isAlive(), isInterrupted() or getState(), as Thread declares them. */
  private static boolean isThreadRead(String name, String descriptor) {
    return ("()Z".equals(descriptor) && ("isAlive".equals(name) || "isInterrupted".equals(name)))
        || ("getState".equals(name) && GET_STATE.equals(descriptor));
  }
}
