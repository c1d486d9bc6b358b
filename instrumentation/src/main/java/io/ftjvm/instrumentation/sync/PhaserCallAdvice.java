package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ModelOutcome;
import io.ftjvm.bootstrap.PhaserHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** A public {@code Phaser} method with a result: done in the ordered model if it has one. */
public final class PhaserCallAdvice {
  private PhaserCallAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @Advice.This Object phaser,
      @Advice.Origin("#m") String method,
      @Advice.AllArguments Object[] args) {
    return PhaserHooks.call(phaser, method, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = ModelOutcome.thrown(outcome, thrown);
    result = ModelOutcome.result(outcome, result);
  }
}
