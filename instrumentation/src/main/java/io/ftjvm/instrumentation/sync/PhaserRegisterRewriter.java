package io.ftjvm.instrumentation.sync;

import io.ftjvm.instrumentation.MethodRewriting;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * In Phaser's constructor, {@code parent.doRegister(1)} (a child with parties becomes one party of
 * its parent) becomes {@code PhaserHooks.registerWithParent(parent, 1)}: a modelled parent keeps
 * its state in the model, where the JDK's private method would not see it.
 */
final class PhaserRegisterRewriter extends MethodVisitor {
  private static final String PHASER = "java/util/concurrent/Phaser";

  PhaserRegisterRewriter(MethodVisitor next) {
    super(Opcodes.ASM9, next);
  }

  static AsmVisitorWrapper rewriting() {
    return MethodRewriting.of(ElementMatchers.isConstructor(), PhaserRegisterRewriter::new);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (owner.equals(PHASER) && name.equals("doRegister") && descriptor.equals("(I)I")) {
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "io/ftjvm/bootstrap/PhaserHooks",
          "registerWithParent",
          "(L" + PHASER + ";I)I",
          false);
      return;
    }
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }
}
