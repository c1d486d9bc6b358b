package io.ftjvm.instrumentation.sync;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites the race points of CompletableFuture and its nested classes (see {@link
 * CompletableFutureOrder}) into ordered steps of {@code io.ftjvm.bootstrap.LockFreeSteps}: every
 * instance field read or write of these classes, their VarHandle compare-and-sets and stores, and
 * the ForkJoinTask tag compare-and-set of Completion.claim. Each becomes one atomic operation on
 * the object it touches, so which thread completes a future, pops its dependents, claims a
 * completion or submits it to an executor is recorded and replayed. Field accesses keep their
 * instruction and only gain an enter/exit call around it, using the operand stack (no new locals,
 * no new frames).
 */
final class LockFreeStepRewriter extends MethodVisitor {
  private static final String STEPS = "io/ftjvm/bootstrap/LockFreeSteps";
  private static final String ENTER = "(Ljava/lang/Object;)Ljava/lang/Object;";
  private static final String EXIT = "(Ljava/lang/Object;)V";
  private static final String FUTURE = "java/util/concurrent/CompletableFuture";
  private static final String VAR_HANDLE = "java/lang/invoke/VarHandle";

  private static final String SIGNALLER = FUTURE + "$Signaller";

  private final boolean waiterPoll;
  private boolean grewStack;

  /**
   * {@code waiterPoll}: the method is the waiter's own check while parked (Signaller.isReleasable),
   * whose reads of the Signaller's {@code thread} stay unordered.
   */
  LockFreeStepRewriter(MethodVisitor next, boolean waiterPoll) {
    super(Opcodes.ASM9, next);
    this.waiterPoll = waiterPoll;
  }

  /**
   * The fields that are ordered: those of the future and its completions. Not AltResult's
   * (immutable, and its shared NIL would order unrelated futures together). Of a Signaller (a
   * thread waiting in get or join), only {@code thread}, which the waiter and the completing thread
   * clear and which cleanStack reads to unlink waiters that are gone; and not in the waiter's own
   * check, which reads it as often as it happens to wake up (no replay could repeat that; the
   * ordered read of the future's result after the wait decides what the wait saw).
   */
  static boolean orderedField(String owner, String name, boolean waiterPoll) {
    if (owner.equals(FUTURE)) {
      return true;
    }
    if (owner.equals(SIGNALLER)) {
      return name.equals("thread") && !waiterPoll;
    }
    return owner.startsWith(FUTURE + "$") && !owner.equals(FUTURE + "$AltResult");
  }

  /** Signaller.isReleasable: see {@link #orderedField}. */
  static boolean isWaiterPoll(String type, String method) {
    return type.equals(SIGNALLER.replace('/', '.')) && method.equals("isReleasable");
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    if (!orderedField(owner, name, waiterPoll)) {
      super.visitFieldInsn(opcode, owner, name, descriptor);
      return;
    }
    int size = Type.getType(descriptor).getSize();
    if (opcode == Opcodes.GETFIELD) {
      // [obj] -> [obj, entered] -> [entered, obj] -> [entered, value] -> [value] (exit)
      super.visitInsn(Opcodes.DUP);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, STEPS, "enter", ENTER, false);
      super.visitInsn(Opcodes.SWAP);
      super.visitFieldInsn(opcode, owner, name, descriptor);
      if (size == 1) {
        super.visitInsn(Opcodes.SWAP);
      } else {
        super.visitInsn(Opcodes.DUP2_X1);
        super.visitInsn(Opcodes.POP2);
      }
      super.visitMethodInsn(Opcodes.INVOKESTATIC, STEPS, "exit", EXIT, false);
      grewStack = true;
      return;
    }
    if (opcode == Opcodes.PUTFIELD && size == 1) {
      // [obj, value] -> [value, obj] -> [obj, value, obj] -> [obj, value, entered]
      // -> [entered, obj, value, entered] -> [entered, obj, value] -> [entered] (exit)
      super.visitInsn(Opcodes.SWAP);
      super.visitInsn(Opcodes.DUP_X1);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, STEPS, "enter", ENTER, false);
      super.visitInsn(Opcodes.DUP_X2);
      super.visitInsn(Opcodes.POP);
      super.visitFieldInsn(opcode, owner, name, descriptor);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, STEPS, "exit", EXIT, false);
      grewStack = true;
      return;
    }
    // Static fields are constants (NIL, the VarHandles, the default executor); the completions
    // have no long or double instance fields.
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (opcode == Opcodes.INVOKEVIRTUAL
        && owner.equals(VAR_HANDLE)
        && orderedVarHandleCall(name, descriptor)) {
      Type[] args = Type.getArgumentTypes(descriptor);
      StringBuilder erased = new StringBuilder("(Ljava/lang/invoke/VarHandle;");
      for (int i = 0; i < args.length; i++) {
        erased.append("Ljava/lang/Object;");
      }
      erased.append(')').append(Type.getReturnType(descriptor).getDescriptor());
      super.visitMethodInsn(Opcodes.INVOKESTATIC, STEPS, name, erased.toString(), false);
      return;
    }
    if (opcode == Opcodes.INVOKEVIRTUAL
        && name.equals("compareAndSetForkJoinTaskTag")
        && descriptor.equals("(SS)Z")) {
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC, STEPS, name, "(Ljava/util/concurrent/ForkJoinTask;SS)Z", false);
      return;
    }
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  /**
   * A VarHandle operation on a field of a future or completion, with reference arguments only:
   * compareAndSet/weakCompareAndSet (object, expected, value) and set/setRelease (object, value).
   */
  static boolean orderedVarHandleCall(String name, String descriptor) {
    Type[] args = Type.getArgumentTypes(descriptor);
    Type returned = Type.getReturnType(descriptor);
    int arity;
    if (name.equals("compareAndSet") || name.equals("weakCompareAndSet")) {
      arity = 3;
      if (returned != Type.BOOLEAN_TYPE) {
        return false;
      }
    } else if (name.equals("set") || name.equals("setRelease")) {
      arity = 2;
      if (returned != Type.VOID_TYPE) {
        return false;
      }
    } else {
      return false;
    }
    if (args.length != arity || args[0].getSort() != Type.OBJECT) {
      return false;
    }
    for (Type arg : args) {
      if (arg.getSort() != Type.OBJECT && arg.getSort() != Type.ARRAY) {
        return false;
      }
    }
    String target = args[0].getInternalName();
    return target.equals(FUTURE) || target.startsWith(FUTURE + "$");
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(grewStack ? maxStack + 2 : maxStack, maxLocals);
  }
}
