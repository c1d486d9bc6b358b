package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/** The constructor of java.lang.VirtualThread (Java 21+): refused, see SyncHooks. */
public final class VirtualThreadAdvice {
  private VirtualThreadAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit() {
    SyncHooks.virtualThreadCreated();
  }
}
