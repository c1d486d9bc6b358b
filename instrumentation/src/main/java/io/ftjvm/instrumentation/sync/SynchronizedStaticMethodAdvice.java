package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/** At the start of a static synchronized method: the JVM has just taken the class's monitor. */
public final class SynchronizedStaticMethodAdvice {
  private SynchronizedStaticMethodAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Origin Class<?> type) {
    SyncHooks.monitorEntered(type);
  }
}
