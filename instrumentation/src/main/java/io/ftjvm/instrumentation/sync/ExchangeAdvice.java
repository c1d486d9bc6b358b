package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ExchangerHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code Exchanger.exchange(x)}: done in the ordered model under capture. */
public final class ExchangeAdvice {
  private ExchangeAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@Advice.This Object exchanger, @Advice.Argument(0) Object mine) {
    return ExchangerHooks.exchange(exchanger, mine);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object received,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    received = ExchangerHooks.received(outcome, received);
    thrown = ExchangerHooks.thrown(outcome, thrown);
  }
}
