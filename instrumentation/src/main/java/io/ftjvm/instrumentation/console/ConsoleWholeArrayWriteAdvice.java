package io.ftjvm.instrumentation.console;

import io.ftjvm.bootstrap.Hooks;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/** {@code FileOutputStream.write(byte[])}. */
public final class ConsoleWholeArrayWriteAdvice {
  private ConsoleWholeArrayWriteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(0) byte[] bytes) {
    Hooks.consoleWrite(fd, bytes, 0, bytes == null ? 0 : bytes.length);
  }
}
