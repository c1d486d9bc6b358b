package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/** {@code SocketChannelImpl.connect(SocketAddress)} (blocking channels). */
public final class ChannelConnectAdvice {
  private ChannelConnectAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(
      @Advice.This Object socket, @Advice.Argument(value = 0, readOnly = false) SocketAddress to) {
    IoCall call = Hooks.beforeIo(IoCall.on(IoCall.CONNECT, socket, to));
    if (call != null && !(call instanceof IoCall.Replayed) && call.target != to) {
      to = (SocketAddress) call.target;
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter IoCall call,
      @Advice.Return(readOnly = false) boolean connected,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, connected ? 1 : 0, thrown);
      connected = call.result != 0;
      thrown = call.thrown;
    }
  }
}
