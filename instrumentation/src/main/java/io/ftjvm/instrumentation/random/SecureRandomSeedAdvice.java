package io.ftjvm.instrumentation.random;

import io.ftjvm.bootstrap.EventKind;
import io.ftjvm.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Around {@code SecureRandom.generateSeed(int)}: the returned bytes are captured. */
public final class SecureRandomSeedAdvice {
  private SecureRandomSeedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter() {
    return Hooks.enterFrame();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean frame, @Advice.Return byte[] bytes, @Advice.Thrown Throwable thrown) {
    Hooks.exitFrameWithBytes(frame, thrown, EventKind.SECURE_RANDOM, bytes);
  }
}
