package io.ftjvm.instrumentation.socket;

import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import net.bytebuddy.asm.Advice;

/** {@code int read(byte[], int, int)} of a socket: the bytes returned are the determinant. */
public final class ArrayReadAdvice {
  private ArrayReadAdvice() {}

  @Advice.OnMethodEnter(skipOn = IoCall.Replayed.class, suppress = Throwable.class)
  static IoCall enter(
      @Advice.This Object socket,
      @Advice.Argument(0) byte[] bytes,
      @Advice.Argument(1) int offset,
      @Advice.Argument(2) int length) {
    return Hooks.beforeIo(IoCall.onArray(IoCall.READ, socket, bytes, offset, length));
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
