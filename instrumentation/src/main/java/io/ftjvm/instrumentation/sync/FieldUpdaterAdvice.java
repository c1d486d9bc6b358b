package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * Every public operation of the JDK's atomic field updaters (AtomicIntegerFieldUpdater and its
 * friends): ordered like an atomic variable's, on the object whose field it updates (the first
 * argument), since one updater serves every object of a class.
 */
public final class FieldUpdaterAdvice {
  private FieldUpdaterAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.Argument(0) Object target) {
    return target != null && SyncHooks.beforeAtomic(target);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean captured, @Advice.Argument(0) Object target) {
    SyncHooks.afterAtomic(captured, target);
  }
}
