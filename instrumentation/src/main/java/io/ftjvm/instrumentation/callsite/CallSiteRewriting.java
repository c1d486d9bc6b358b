package io.ftjvm.instrumentation.callsite;

import io.ftjvm.instrumentation.MethodRewriting;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.matcher.ElementMatchers;

/** The class-file visitor that applies {@link CallSiteRewriter} to every method of a type. */
public final class CallSiteRewriting {
  private CallSiteRewriting() {}

  /** Rewrites what is switched on, in application and library classes. */
  public static AsmVisitorWrapper applicationClasses(
      boolean clocks, boolean hashes, boolean locks) {
    return wrapper(clocks, hashes, locks, locks);
  }

  /** Rewrites identity hashes only (JDK collections and Object/Enum). */
  public static AsmVisitorWrapper hashesOnly() {
    return wrapper(false, true, false, false);
  }

  /** Rewrites monitor operations only (JDK classes whose locks order what applications see). */
  public static AsmVisitorWrapper locksOnly() {
    return wrapper(false, false, true, false);
  }

  /** Rewrites clock reads only (JDK classes such as java.util.Date). */
  public static AsmVisitorWrapper clocksOnly() {
    return wrapper(true, false, false, false);
  }

  private static AsmVisitorWrapper wrapper(
      boolean clocks, boolean hashes, boolean locks, boolean varHandles) {
    return MethodRewriting.of(
        ElementMatchers.any(),
        visitor -> new CallSiteRewriter(visitor, clocks, hashes, locks, varHandles));
  }
}
