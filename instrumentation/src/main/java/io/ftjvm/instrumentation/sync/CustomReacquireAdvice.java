package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.CustomSynchronizers;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The queued synchronizers' inner {@code acquire(node, arg, shared, interruptible, timed, time)}
 * when it has a node: the re-acquisition at the end of a condition's await. For a synchronizer the
 * application built it is done by the agent, in the synchronizer's order (see {@link
 * CustomSynchronizers#reacquire}); the method then answers 1, acquired.
 */
public final class CustomReacquireAdvice {
  private CustomReacquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(
      @Advice.This Object sync,
      @Advice.Argument(0) Object node,
      @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object arg) {
    return CustomSynchronizers.reacquire(sync, node, arg);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean done, @Advice.Return(readOnly = false) int result) {
    if (done) {
      result = 1;
    }
  }
}
