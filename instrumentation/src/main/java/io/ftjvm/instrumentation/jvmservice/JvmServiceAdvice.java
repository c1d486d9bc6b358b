package io.ftjvm.instrumentation.jvmservice;

import io.ftjvm.bootstrap.JvmServices;
import io.ftjvm.bootstrap.ThreadState;
import net.bytebuddy.asm.Advice;

/** Marks the calling thread as doing the JVM's own work for the duration of the method. */
public final class JvmServiceAdvice {
  private JvmServiceAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static ThreadState enter() {
    return JvmServices.entering();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit(@Advice.Enter ThreadState entered) {
    JvmServices.left(entered);
  }
}
