package io.ftjvm.instrumentation;

import net.bytebuddy.asm.Advice;

/**
 * Advice compiled once per advice class. {@code Advice.to} reads the advice's class file from the
 * agent jar and parses it on every call, and the modules' transformers call it for every class they
 * instrument: at start-up, for each of the hundred-odd JDK classes retransformed, that was a tenth
 * of the agent's start-up time. An {@code Advice} is immutable, so one serves every class.
 */
public final class Advices {
  private static final ClassValue<Advice> COMPILED =
      new ClassValue<>() {
        @Override
        protected Advice computeValue(Class<?> advice) {
          return Advice.to(advice);
        }
      };

  private Advices() {}

  /** The advice whose enter and exit methods are both in this class. */
  public static Advice to(Class<?> advice) {
    return COMPILED.get(advice);
  }
}
