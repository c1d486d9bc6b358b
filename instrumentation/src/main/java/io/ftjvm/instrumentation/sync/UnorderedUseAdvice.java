package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * The constructors of the JDK classes whose internal races are not ordered ({@link
 * SyncInstrumentation#UNORDERED}): noted, see SyncHooks.unorderedUse.
 */
public final class UnorderedUseAdvice {
  private UnorderedUseAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Origin("#t") String type) {
    SyncHooks.unorderedUse(type);
  }
}
