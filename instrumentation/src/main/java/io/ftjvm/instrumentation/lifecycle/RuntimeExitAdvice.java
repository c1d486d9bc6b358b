package io.ftjvm.instrumentation.lifecycle;

import io.ftjvm.bootstrap.ExitStatus;
import net.bytebuddy.asm.Advice;

/** Notes the status passed to {@code Runtime.exit} (System.exit ends up there). */
public final class RuntimeExitAdvice {
  private RuntimeExitAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Argument(0) int status) {
    ExitStatus.exiting(status);
  }
}
