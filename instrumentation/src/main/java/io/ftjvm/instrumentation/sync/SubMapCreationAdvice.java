package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SkipLists;
import net.bytebuddy.asm.Advice;

/** A ConcurrentSkipListMap's submap was constructed: it is noted with its map. */
public final class SubMapCreationAdvice {
  private SubMapCreationAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This Object subMap, @Advice.Argument(0) Object map) {
    SkipLists.subMapCreated(subMap, map);
  }
}
