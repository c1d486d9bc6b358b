package io.ftjvm.instrumentation.lifecycle;

import io.ftjvm.bootstrap.ProgramStart;
import net.bytebuddy.asm.Advice;

/**
 * {@code LauncherHelper.checkAndLoadMain}, which the java launcher calls to load the main class
 * before it calls main: from here on the main thread runs the program.
 */
public final class MainClassLoadedAdvice {
  private MainClassLoadedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit() {
    ProgramStart.mainClassLoaded();
  }
}
