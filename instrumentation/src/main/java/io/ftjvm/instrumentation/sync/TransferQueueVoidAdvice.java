package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ModelOutcome;
import io.ftjvm.bootstrap.TransferQueueHooks;
import net.bytebuddy.asm.Advice;

/** {@code LinkedTransferQueue}'s put, transfer, clear and forEach: done in the ordered model. */
public final class TransferQueueVoidAdvice {
  private TransferQueueVoidAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @Advice.This Object queue,
      @Advice.Origin("#m") String method,
      @Advice.AllArguments Object[] args) {
    return TransferQueueHooks.call(queue, method, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome, @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = ModelOutcome.thrown(outcome, thrown);
  }
}
