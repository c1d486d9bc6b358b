package io.ftjvm.instrumentation.console;

import io.ftjvm.bootstrap.Hooks;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/** {@code FileOutputStream.write(int)}. */
public final class ConsoleByteWriteAdvice {
  private ConsoleByteWriteAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static boolean enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(0) int b) {
    return Hooks.consoleWrite(fd, b);
  }
}
