package io.ftjvm.instrumentation.random;

import io.ftjvm.bootstrap.EventKind;
import io.ftjvm.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Around {@code SecureRandom.nextBytes(byte[], ...)}: the bytes are captured, and overwritten with
 * the recorded ones in replay. {@code SecureRandom.nextInt()} and {@code UUID.randomUUID()} go
 * through here.
 */
public final class SecureRandomBytesAdvice {
  private SecureRandomBytesAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter() {
    return Hooks.enterFrame();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean frame,
      @Advice.Argument(0) byte[] bytes,
      @Advice.Thrown Throwable thrown) {
    Hooks.exitFrameWithBytes(frame, thrown, EventKind.SECURE_RANDOM, bytes);
  }
}
