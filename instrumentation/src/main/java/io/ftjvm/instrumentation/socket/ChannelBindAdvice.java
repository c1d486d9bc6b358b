package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/** {@code ServerSocketChannelImpl.bind(SocketAddress, int)}: as {@link BindAdvice}. */
public final class ChannelBindAdvice {
  private ChannelBindAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(
      @Advice.This Object socket, @Advice.Argument(value = 0, readOnly = false) SocketAddress at) {
    IoCall call = Hooks.beforeIo(IoCall.on(IoCall.BIND, socket, at));
    if (call != null && call.target != at) {
      at = (SocketAddress) call.target;
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter IoCall call, @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, -1, thrown);
      thrown = call.thrown;
    }
  }
}
