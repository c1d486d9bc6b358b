package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/** {@code int read(ByteBuffer)} of a socket channel. */
public final class BufferReadAdvice {
  private BufferReadAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(@Advice.This Object socket, @Advice.Argument(0) ByteBuffer buffer) {
    return buffer == null ? null : Hooks.beforeIo(IoCall.onBuffer(IoCall.READ, socket, buffer));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter IoCall call,
      @Advice.Return(readOnly = false) int count,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, count, thrown);
      count = (int) call.result;
      thrown = call.thrown;
    }
  }
}
