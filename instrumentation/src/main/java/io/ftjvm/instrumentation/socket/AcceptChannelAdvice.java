package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.nio.channels.SocketChannel;
import net.bytebuddy.asm.Advice;

/** {@code ServerSocketChannelImpl.accept()}: the accepted channel is the call's target. */
public final class AcceptChannelAdvice {
  private AcceptChannelAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(@Advice.This Object server) {
    return Hooks.beforeIo(IoCall.on(IoCall.ACCEPT, server, null));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter IoCall call,
      @Advice.Return(readOnly = false) SocketChannel accepted,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      if (!(call instanceof IoCall.Replayed)) {
        call.target = accepted;
      }
      Hooks.afterIo(call, 0, thrown);
      accepted = (SocketChannel) call.target;
      thrown = call.thrown;
    }
  }
}
