package io.ftjvm.instrumentation.sync;

import io.ftjvm.instrumentation.MethodRewriting;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A ThreadPoolExecutor keeps its workers in a HashSet, which a shutdown walks to interrupt the idle
 * ones: in an order given by the workers' identity hashes, which differ from run to run, so the
 * shutting-down thread's events would too. The constructors are rewritten to make that set a
 * LinkedHashSet (a HashSet, so the field's type holds): it is walked in the order the workers were
 * added, which is ordered (under the pool's main lock).
 */
final class WorkerSetOrder {
  static final String POOL = "java.util.concurrent.ThreadPoolExecutor";
  private static final String HASH_SET = "java/util/HashSet";
  private static final String LINKED_HASH_SET = "java/util/LinkedHashSet";

  private WorkerSetOrder() {}

  static AsmVisitorWrapper rewriting() {
    return MethodRewriting.of(ElementMatchers.isConstructor(), LinkedSetConstruction::new);
  }

  /** new HashSet() becomes new LinkedHashSet(): same stack effect, same frames. */
  private static final class LinkedSetConstruction extends MethodVisitor {
    LinkedSetConstruction(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      super.visitTypeInsn(
          opcode, opcode == Opcodes.NEW && HASH_SET.equals(type) ? LINKED_HASH_SET : type);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      boolean construction =
          opcode == Opcodes.INVOKESPECIAL
              && HASH_SET.equals(owner)
              && "<init>".equals(name)
              && "()V".equals(descriptor);
      super.visitMethodInsn(
          opcode, construction ? LINKED_HASH_SET : owner, name, descriptor, isInterface);
    }
  }
}
