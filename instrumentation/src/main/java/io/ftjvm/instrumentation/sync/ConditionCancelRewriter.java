package io.ftjvm.instrumentation.sync;

import io.ftjvm.instrumentation.MethodRewriting;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * In the await methods of AbstractQueuedSynchronizer's conditions (and
 * AbstractQueuedLongSynchronizer's), the step by which a wait that timed out or saw an interrupt
 * takes itself off the queue ({@code node.getAndUnsetStatus(COND)}) becomes a call of {@code
 * io.ftjvm.bootstrap.ConditionWaits.cancel(node, bits, sync)}, which orders it against the signals
 * (see there). The signal's own use of the same method, in {@code doSignal}, is left alone: the
 * signaller holds the lock, whose acquisitions are ordered already.
 *
 * <p>The methods' first read of the interrupt flag, the check on entry, becomes {@code
 * ConditionWaits.interruptedOnEntry(sync)}: an interrupt is then always seen inside the wait's
 * loop, where it leads to the ordered cancel, never at the entry, where the JDK throws at once. A
 * recording only says that the thread saw the interrupt, not which of the two reads saw it, and the
 * two paths log different steps. The loop's own reads become {@code
 * ConditionWaits.interruptedInLoop(sync)}, which replay skips where the recorded loop cannot have
 * read.
 */
final class ConditionCancelRewriter extends MethodVisitor {
  private static final String WAITS = "io/ftjvm/bootstrap/ConditionWaits";

  /** The synchronizer (internal name), AbstractQueuedSynchronizer or its long twin. */
  private final String synchronizer;

  private boolean grewStack;
  private boolean entryCheckSeen;

  private ConditionCancelRewriter(MethodVisitor next, String synchronizer) {
    super(Opcodes.ASM9, next);
    this.synchronizer = synchronizer;
  }

  /**
   * The rewriting of the condition class of {@code synchronizer} (a binary name): its await methods
   * (not signal, not the others).
   */
  static AsmVisitorWrapper rewriting(String synchronizer) {
    String internal = synchronizer.replace('.', '/');
    return MethodRewriting.of(
        ElementMatchers.namedOneOf("await", "awaitNanos", "awaitUntil"),
        next -> new ConditionCancelRewriter(next, internal));
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (opcode == Opcodes.INVOKESTATIC
        && owner.equals("java/lang/Thread")
        && name.equals("interrupted")
        && descriptor.equals("()Z")) {
      // [] -> [sync] -> [interrupted]
      pushSync();
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          WAITS,
          entryCheckSeen ? "interruptedInLoop" : "interruptedOnEntry",
          "(Ljava/lang/Object;)Z",
          false);
      entryCheckSeen = true;
      grewStack = true;
      return;
    }
    if (opcode != Opcodes.INVOKEVIRTUAL
        || !(owner.equals(synchronizer + "$Node") || owner.equals(synchronizer + "$ConditionNode"))
        || !name.equals("getAndUnsetStatus")
        || !descriptor.equals("(I)I")) {
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      return;
    }
    // [node, bits] -> [node, bits, sync] -> [status before]
    pushSync();
    super.visitMethodInsn(
        Opcodes.INVOKESTATIC, WAITS, "cancel", "(Ljava/lang/Object;ILjava/lang/Object;)I", false);
    grewStack = true;
  }

  /** The condition's lock: {@code this.this$0}. */
  private void pushSync() {
    super.visitVarInsn(Opcodes.ALOAD, 0);
    super.visitFieldInsn(
        Opcodes.GETFIELD, synchronizer + "$ConditionObject", "this$0", "L" + synchronizer + ";");
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(grewStack ? maxStack + 1 : maxStack, maxLocals);
  }
}
