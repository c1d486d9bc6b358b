package io.ftjvm.instrumentation.interrupt;

import io.ftjvm.bootstrap.ThreadLifeHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.join(long)}: as {@link InterruptibleWaitAdvice}, and a join that returns is a step
 * of the joined thread's order (whether it returned at once or waited depends on when the joined
 * thread started or ended). Replay skips the join where the recorded one was interrupted or
 * returned, in its turn.
 */
public final class JoinAdvice {
  private JoinAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static int enter(@Advice.This Thread joined) {
    return ThreadLifeHooks.beforeJoin(joined);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter int entered,
      @Advice.This Thread joined,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = ThreadLifeHooks.afterJoin(entered, joined, thrown);
  }
}
