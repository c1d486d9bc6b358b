package io.ftjvm.instrumentation.callsite;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/** The class-file visitor that applies {@link CallSiteRewriter} to every method of a type. */
public final class CallSiteRewriting {
  private CallSiteRewriting() {}

  /** Rewrites what is switched on, in application and library classes. */
  public static AsmVisitorWrapper applicationClasses(
      boolean clocks, boolean hashes, boolean locks) {
    return wrapper(clocks, hashes, locks);
  }

  /** Rewrites identity hashes only (JDK collections and Object/Enum). */
  public static AsmVisitorWrapper hashesOnly() {
    return wrapper(false, true, false);
  }

  /** Rewrites monitor operations only (JDK classes whose locks order what applications see). */
  public static AsmVisitorWrapper locksOnly() {
    return wrapper(false, false, true);
  }

  /** Rewrites clock reads only (JDK classes such as java.util.Date). */
  public static AsmVisitorWrapper clocksOnly() {
    return wrapper(true, false, false);
  }

  private static AsmVisitorWrapper wrapper(boolean clocks, boolean hashes, boolean locks) {
    return new AsmVisitorWrapper.ForDeclaredMethods()
        .invokable(
            ElementMatchers.any(),
            (TypeDescription type,
                MethodDescription method,
                MethodVisitor visitor,
                Implementation.Context context,
                TypePool pool,
                int writerFlags,
                int readerFlags) -> new CallSiteRewriter(visitor, clocks, hashes, locks));
  }
}
