package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/** At the start of a synchronized instance method: the JVM has just taken the monitor of this. */
public final class SynchronizedMethodAdvice {
  private SynchronizedMethodAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object self) {
    SyncHooks.monitorEntered(self);
  }
}
