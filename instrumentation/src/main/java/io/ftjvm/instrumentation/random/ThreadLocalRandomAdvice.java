package io.ftjvm.instrumentation.random;

import io.ftjvm.bootstrap.EventKind;
import io.ftjvm.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Around {@code ThreadLocalRandom.nextSeed()}: every value ThreadLocalRandom hands out is derived
 * from it, and its per-thread state is seeded from the clock at JVM start.
 */
public final class ThreadLocalRandomAdvice {
  private ThreadLocalRandomAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter() {
    return Hooks.enterFrame();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter boolean frame,
      @Advice.Return(readOnly = false) long seed,
      @Advice.Thrown Throwable thrown) {
    seed = Hooks.exitFrameWithValue(frame, thrown, EventKind.TLR_SEED, seed);
  }
}
