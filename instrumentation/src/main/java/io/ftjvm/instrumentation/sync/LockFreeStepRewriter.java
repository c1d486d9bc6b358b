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

  private boolean grewStack;

  LockFreeStepRewriter(MethodVisitor next) {
    super(Opcodes.ASM9, next);
  }

  /**
   * The classes whose fields are ordered: the future and its completions. Not AltResult (immutable,
   * and its shared NIL would order unrelated futures together) and not Signaller (a waiter polls
   * its {@code thread} field as often as it happens to wake up, which no replay can repeat).
   */
  static boolean orderedOwner(String owner) {
    if (owner.equals(FUTURE)) {
      return true;
    }
    if (!owner.startsWith(FUTURE + "$")) {
      return false;
    }
    String nested = owner.substring(FUTURE.length() + 1);
    return !nested.equals("AltResult") && !nested.equals("Signaller");
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    if (!orderedOwner(owner)) {
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
