package io.ftjvm.instrumentation.callsite;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Inside a JDK class that reads a thread's id for the application (java.util.logging's LogRecord
 * notes the logging thread's): the read goes through the same hook as application code's (see
 * RunDependentReads), and nothing else in the class changes.
 */
final class ThreadReadRewriter extends MethodVisitor {
  private final RunDependentReads reads = new RunDependentReads(false, true, null, () -> false);

  ThreadReadRewriter(MethodVisitor next) {
    super(Opcodes.ASM9, next);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (!reads.rewrote(mv, opcode, owner, name, descriptor, isInterface)) {
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }
  }
}
