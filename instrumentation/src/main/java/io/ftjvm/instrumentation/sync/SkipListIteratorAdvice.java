package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SkipLists;
import net.bytebuddy.asm.Advice;

/**
 * A step of a ConcurrentSkipListMap's iterator (or a submap's), ordered as a call on the map
 * underneath: the iterator's outer instance is the map or the submap.
 */
public final class SkipListIteratorAdvice {
  private SkipListIteratorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.FieldValue("this$0") Object outer) {
    return SkipLists.starts(outer);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object ordered) {
    SkipLists.ended(ordered);
  }
}
