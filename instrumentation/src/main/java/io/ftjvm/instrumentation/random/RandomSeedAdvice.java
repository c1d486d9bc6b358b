package io.ftjvm.instrumentation.random;

import io.ftjvm.bootstrap.Hooks;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.asm.Advice;

/**
 * After {@code new Random()}: its seed mixes a global counter with nanoTime. The scrambled seed is
 * captured (and restored in replay); {@code Math.random()} draws from such a Random too.
 */
public final class RandomSeedAdvice {
  private RandomSeedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This Object self, @Advice.FieldValue("seed") AtomicLong seed) {
    // ThreadLocalRandom's singleton never uses this seed (its values come from nextSeed(), captured
    // separately), and when its class is initialised depends on what ran before: not captured.
    if (seed != null && self.getClass() != java.util.concurrent.ThreadLocalRandom.class) {
      Hooks.captureRandomSeed(seed);
    }
  }
}
