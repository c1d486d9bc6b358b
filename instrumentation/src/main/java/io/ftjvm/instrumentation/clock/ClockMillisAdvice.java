package io.ftjvm.instrumentation.clock;

import io.ftjvm.bootstrap.EventKind;
import io.ftjvm.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Around {@code Clock.SystemClock.millis()} (Clock.systemUTC().millis() and the like). */
public final class ClockMillisAdvice {
  private ClockMillisAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter() {
    return Hooks.enterFrame();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean frame,
      @Advice.Return(readOnly = false) long millis,
      @Advice.Thrown Throwable thrown) {
    millis = Hooks.exitFrameWithClock(frame, thrown, EventKind.CLOCK_MILLIS, millis);
  }
}
