package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import net.bytebuddy.asm.Advice;

/** {@code void write(byte[], int, int)} of a socket: recorded, and compared in replay. */
public final class ArrayWriteAdvice {
  private ArrayWriteAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(
      @Advice.This Object socket,
      @Advice.Argument(0) byte[] bytes,
      @Advice.Argument(1) int offset,
      @Advice.Argument(2) int length) {
    return Hooks.beforeIo(IoCall.onArray(IoCall.WRITE, socket, bytes, offset, length));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter IoCall call, @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (call != null) {
      Hooks.afterIo(call, call.length, thrown);
      thrown = call.thrown;
    }
  }
}
