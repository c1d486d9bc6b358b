package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.CustomSynchronizers;
import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code acquire}, {@code acquireInterruptibly}, {@code acquireShared} and {@code
 * acquireSharedInterruptibly} of AbstractQueuedSynchronizer and AbstractQueuedLongSynchronizer: for
 * a synchronizer the application built, replaced by the agent's acquire in the synchronizer's order
 * (see {@link CustomSynchronizers}). The argument is an int or a long: it is taken boxed.
 */
public final class CustomAcquireAdvice {
  private CustomAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(
      @Advice.This Object sync,
      @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object arg,
      @Advice.Origin("#m") String method) {
    return CustomSynchronizers.acquire(sync, arg, method, 0);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter int decision, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
