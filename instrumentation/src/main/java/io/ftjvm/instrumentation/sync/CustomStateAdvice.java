package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.CustomSynchronizers;
import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code getState}, {@code setState}, {@code compareAndSetState}, {@code release} and {@code
 * releaseShared} of the two queued synchronizers: for a synchronizer the application built, each is
 * one operation in the synchronizer's order, like an atomic variable's (see {@link
 * CustomSynchronizers}). Inside another ordered operation (an attempt of the agent's acquire, a
 * release running the application's tryRelease) the guard is raised and they are not events.
 */
public final class CustomStateAdvice {
  private CustomStateAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.This Object sync) {
    return CustomSynchronizers.isCustom(sync) && SyncHooks.beforeAtomic(sync);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean captured, @Advice.This Object sync) {
    SyncHooks.afterAtomic(captured, sync);
  }
}
