package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code NioSocketImpl.connect(SocketAddress, int)}: whether the connection was made (refusals
 * included). Replay may redirect the address to a local stand-in, since peers are not there.
 */
public final class ConnectAdvice {
  private ConnectAdvice() {}

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
  static void exit(@Advice.Enter IoCall call, @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, 0, thrown);
      thrown = call.thrown;
    }
  }
}
