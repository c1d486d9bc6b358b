package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.PhaserHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Phaser(Phaser parent, int parties)}, which the other constructors call: whether the new
 * phaser is modelled is decided here, for good.
 */
public final class PhaserCreatedAdvice {
  private PhaserCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This Object phaser, @Advice.Argument(0) Object parent) {
    PhaserHooks.created(phaser, parent);
  }
}
