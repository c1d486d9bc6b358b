package io.ftjvm.instrumentation.callsite;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Inside the Collections.synchronized* wrappers: after each monitorenter on the mutex, {@code
 * SharedMonitorHooks.wrapperMonitorEntered}, which orders it for the wrappers the application made.
 */
final class WrapperMonitorRewriter extends MethodVisitor {
  private boolean grewStack;

  WrapperMonitorRewriter(MethodVisitor next) {
    super(Opcodes.ASM9, next);
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode != Opcodes.MONITORENTER) {
      super.visitInsn(opcode);
      return;
    }
    CallSiteRewriter.enterMonitor(
        mv, CallSiteRewriter.SHARED_MONITOR_HOOKS, "wrapperMonitorEntered");
    grewStack = true;
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(grewStack ? maxStack + 2 : maxStack, maxLocals);
  }
}
