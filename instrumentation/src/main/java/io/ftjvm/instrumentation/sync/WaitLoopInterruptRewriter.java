package io.ftjvm.instrumentation.sync;

import java.util.Set;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites {@code Thread.interrupted()} in CompletableFuture's wait loops into {@code
 * InterruptHooks.interruptedInWait()}: a read after which, on a false answer, the loop parks or
 * makes an ordered step at once, so replay may wait there for a recorded interrupt's turn.
 */
final class WaitLoopInterruptRewriter extends MethodVisitor {
  /**
   * get() and join() (waitingGet), get(timeout) (timedGet) and the waiter's own check while parked
   * (Signaller.isReleasable); the same on Java 17 and 25.
   */
  static final Set<String> WAIT_LOOPS = Set.of("waitingGet", "timedGet", "isReleasable");

  WaitLoopInterruptRewriter(MethodVisitor next) {
    super(Opcodes.ASM9, next);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (opcode == Opcodes.INVOKESTATIC
        && owner.equals("java/lang/Thread")
        && name.equals("interrupted")
        && descriptor.equals("()Z")) {
      super.visitMethodInsn(
          opcode, "io/ftjvm/bootstrap/InterruptHooks", "interruptedInWait", "()Z", false);
      return;
    }
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }
}
