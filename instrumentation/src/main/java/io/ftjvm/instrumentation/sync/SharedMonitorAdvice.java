package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SharedMonitorHooks;
import net.bytebuddy.asm.Advice;

/**
 * At the start of a synchronized method of StringBuffer, Vector or Hashtable: ordered when an
 * application call site asked for it (SharedMonitorHooks).
 */
public final class SharedMonitorAdvice {
  private SharedMonitorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object self) {
    SharedMonitorHooks.methodEntered(self);
  }
}
