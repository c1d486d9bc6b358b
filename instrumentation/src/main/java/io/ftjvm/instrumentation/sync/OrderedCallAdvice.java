package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * A public operation of a ConcurrentHashMap or a CopyOnWriteArrayList: one ordered call on the
 * collection (see {@link ConcurrentMapOrder}), with the application code it runs captured inside.
 */
public final class OrderedCallAdvice {
  private OrderedCallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.This Object map) {
    return SyncHooks.beforeOrderedCall(map);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean ordered, @Advice.This Object map) {
    SyncHooks.afterOrderedCall(ordered, map);
  }
}
