package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import net.bytebuddy.asm.Advice;

/** {@code NioSocketImpl.available()}: how many bytes were waiting depends on timing. */
public final class AvailableAdvice {
  private AvailableAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(@Advice.This Object socket) {
    return Hooks.beforeIo(IoCall.on(IoCall.AVAILABLE, socket, null));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter IoCall call,
      @Advice.Return(readOnly = false) int available,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, available, thrown);
      available = (int) call.result;
      thrown = call.thrown;
    }
  }
}
