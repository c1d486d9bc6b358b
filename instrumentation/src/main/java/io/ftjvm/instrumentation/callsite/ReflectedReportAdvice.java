package io.ftjvm.instrumentation.callsite;

import io.ftjvm.bootstrap.ReflectedReports;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Passes a JDK report's answer through ReflectedReports, boxed whatever its type. */
public final class ReflectedReportAdvice {
  private ReflectedReportAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object answer) {
    answer = ReflectedReports.answer(answer);
  }
}
