package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * An operation of a ConcurrentHashMap's view or iterator, ordered as a call on the map it belongs
 * to (its {@code map} field). Some of them walk the map's table directly, not through the map's
 * public operations.
 */
public final class ConcurrentMapViewAdvice {
  private ConcurrentMapViewAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.FieldValue("map") Object map) {
    return SyncHooks.beforeOrderedCall(map);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean ordered, @Advice.FieldValue("map") Object map) {
    SyncHooks.afterOrderedCall(ordered, map);
  }
}
