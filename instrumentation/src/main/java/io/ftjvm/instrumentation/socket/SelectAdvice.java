package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;

/**
 * {@code SelectorImpl.lockAndDoSelect(Consumer, long)}, where every select, selectNow and
 * select(timeout) ends up: which keys were ready, and in what order, is the determinant.
 */
public final class SelectAdvice {
  private SelectAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(@Advice.This Object selector, @Advice.Argument(0) Consumer<?> action) {
    return Hooks.beforeIo(IoCall.on(IoCall.SELECT, selector, action));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter IoCall call,
      @Advice.Return(readOnly = false) int selected,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, selected, thrown);
      selected = (int) call.result;
      thrown = call.thrown;
    }
  }
}
