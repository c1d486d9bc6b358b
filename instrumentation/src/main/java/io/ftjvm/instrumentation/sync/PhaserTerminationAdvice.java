package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.PhaserHooks;
import net.bytebuddy.asm.Advice;

/** {@code Phaser.forceTermination()}: done in the ordered model if it has one. */
public final class PhaserTerminationAdvice {
  private PhaserTerminationAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(@Advice.This Object phaser) {
    return PhaserHooks.forceTermination(phaser);
  }
}
