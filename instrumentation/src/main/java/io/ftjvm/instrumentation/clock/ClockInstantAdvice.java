package io.ftjvm.instrumentation.clock;

import io.ftjvm.bootstrap.Hooks;
import java.time.Instant;
import net.bytebuddy.asm.Advice;

/**
 * Around the JDK methods that produce "now" as an Instant ({@code Clock.currentInstant()}, {@code
 * Clock.SystemClock.instant()}): Instant.now, LocalDateTime.now, ZonedDateTime.now and friends all
 * end up here.
 */
public final class ClockInstantAdvice {
  private ClockInstantAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter() {
    return Hooks.enterFrame();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean frame,
      @Advice.Return(readOnly = false) Instant now,
      @Advice.Thrown Throwable thrown) {
    now = Hooks.exitFrameWithInstant(frame, thrown, now);
  }
}
