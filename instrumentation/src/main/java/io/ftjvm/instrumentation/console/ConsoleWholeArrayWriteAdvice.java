package io.ftjvm.instrumentation.console;

import io.ftjvm.bootstrap.Hooks;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/** {@code FileOutputStream.write(byte[])}. */
public final class ConsoleWholeArrayWriteAdvice {
  private ConsoleWholeArrayWriteAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(
      @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(0) byte[] bytes) {
    return Hooks.consoleWrite(fd, bytes, 0, bytes == null ? 0 : bytes.length);
  }
}
