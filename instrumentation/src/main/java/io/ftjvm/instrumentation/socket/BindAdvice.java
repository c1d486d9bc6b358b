package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code NioSocketImpl.bind(InetAddress, int)}: the local port is a determinant (port 0 picks one).
 * Replay binds a free loopback port instead, so it never clashes, and shows the recorded port.
 */
public final class BindAdvice {
  private BindAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(
      @Advice.This Object socket,
      @Advice.Argument(value = 0, readOnly = false) InetAddress host,
      @Advice.Argument(value = 1, readOnly = false) int port) {
    IoCall call = Hooks.beforeIo(IoCall.on(IoCall.BIND, socket, new InetSocketAddress(host, port)));
    if (call != null && call.target instanceof InetSocketAddress) {
      InetSocketAddress to = (InetSocketAddress) call.target;
      host = to.getAddress();
      port = to.getPort();
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter IoCall call,
      @Advice.FieldValue(value = "localport", readOnly = false) int localPort,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, localPort, thrown);
      if (call.thrown == null) {
        localPort = (int) call.result;
      }
      thrown = call.thrown;
    }
  }
}
