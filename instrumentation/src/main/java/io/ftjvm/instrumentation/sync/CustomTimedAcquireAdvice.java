package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.CustomSynchronizers;
import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code tryAcquireNanos} and {@code tryAcquireSharedNanos} of the two queued synchronizers: as
 * {@link CustomAcquireAdvice}, with a timeout whose outcome is recorded.
 */
public final class CustomTimedAcquireAdvice {
  private CustomTimedAcquireAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(
      @Advice.This Object sync,
      @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object arg,
      @Advice.Argument(1) long nanos,
      @Advice.Origin("#m") String method) {
    return CustomSynchronizers.acquire(sync, arg, method, nanos);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter int decision,
      @Advice.Return(readOnly = false) boolean acquired,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    acquired = SyncHooks.blockingReturn(decision, acquired);
    thrown = SyncHooks.blockingThrown(decision, thrown);
  }
}
