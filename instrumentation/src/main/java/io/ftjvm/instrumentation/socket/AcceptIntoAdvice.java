package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import net.bytebuddy.asm.Advice;

/** {@code NioSocketImpl.accept(SocketImpl)}: which peer was accepted, or what failed. */
public final class AcceptIntoAdvice {
  private AcceptIntoAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(@Advice.This Object server, @Advice.Argument(0) Object accepted) {
    return Hooks.beforeIo(IoCall.on(IoCall.ACCEPT, server, accepted));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter IoCall call, @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, 0, thrown);
      thrown = call.thrown;
    }
  }
}
