package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.ExchangerHooks;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code Exchanger.exchange(x, timeout, unit)}: done in the ordered model under capture. */
public final class TimedExchangeAdvice {
  private TimedExchangeAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @Advice.This Object exchanger,
      @Advice.Argument(0) Object mine,
      @Advice.Argument(1) long timeout,
      @Advice.Argument(2) TimeUnit unit) {
    return ExchangerHooks.exchange(exchanger, mine, timeout, unit);
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
