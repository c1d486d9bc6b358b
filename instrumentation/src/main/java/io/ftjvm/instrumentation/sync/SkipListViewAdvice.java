package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SkipLists;
import net.bytebuddy.asm.Advice;

/**
 * An operation of a ConcurrentSkipListMap's submap or view, ordered as a call on the map underneath
 * (the {@code m} field: the map itself, or for a view, possibly a submap).
 */
public final class SkipListViewAdvice {
  private SkipListViewAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.FieldValue("m") Object map) {
    return SkipLists.starts(map);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object ordered) {
    SkipLists.ended(ordered);
  }
}
