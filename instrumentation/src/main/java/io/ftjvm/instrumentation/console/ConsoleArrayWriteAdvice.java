package io.ftjvm.instrumentation.console;

import io.ftjvm.bootstrap.Hooks;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/** {@code FileOutputStream.write(byte[], int, int)}: what reaches stdout (System.out ends here). */
public final class ConsoleArrayWriteAdvice {
  private ConsoleArrayWriteAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(
      @Advice.FieldValue("fd") FileDescriptor fd,
      @Advice.Argument(0) byte[] bytes,
      @Advice.Argument(1) int offset,
      @Advice.Argument(2) int length) {
    return Hooks.consoleWrite(fd, bytes, offset, length);
  }
}
