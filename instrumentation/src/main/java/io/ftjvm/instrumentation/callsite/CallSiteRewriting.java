package io.ftjvm.instrumentation.callsite;

import io.ftjvm.instrumentation.MethodRewriting;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/** The class-file visitor that applies {@link CallSiteRewriter} to every method of a type. */
public final class CallSiteRewriting {
  private CallSiteRewriting() {}

  /**
   * Rewrites what is switched on, in application and library classes; with locks, their VarHandle
   * operations and volatile field accesses are ordered too (not in constructors and static
   * initializers, where the object or class is not yet shared, and where a constructor may not pass
   * {@code this} anywhere before calling its super constructor).
   */
  public static AsmVisitorWrapper applicationClasses(
      boolean clocks, boolean hashes, boolean locks) {
    return MethodRewriting.withContext(
        ElementMatchers.any(),
        (type, method, pool, visitor) ->
            new CallSiteRewriter(
                visitor,
                clocks,
                hashes,
                locks,
                locks,
                locks && supportsInvokeDynamic(type),
                locks && !method.isConstructor() && !method.isTypeInitializer()
                    ? new VolatileFields(pool)
                    : null,
                new RunDependentReads(
                    clocks, locks, type.getInternalName(), () -> isThread(type))));
  }

  /** Whether the type is a Thread subclass (resolved from class files, none of them loaded). */
  private static boolean isThread(TypeDescription type) {
    try {
      return !type.represents(Thread.class) && type.isAssignableTo(Thread.class);
    } catch (RuntimeException unresolvable) {
      return false; // a superclass that is not on the class path: not a thread we can know of
    }
  }

  private static boolean supportsInvokeDynamic(TypeDescription type) {
    ClassFileVersion version = type.getClassFileVersion();
    return version != null && version.isAtLeast(ClassFileVersion.JAVA_V7);
  }

  /** The Collections.synchronized* wrappers' monitorenters (see WrapperMonitorRewriter). */
  public static AsmVisitorWrapper wrapperMonitors() {
    return MethodRewriting.of(ElementMatchers.any(), WrapperMonitorRewriter::new);
  }

  /** Rewrites thread-id reads only (a JDK class that reads one for the application). */
  public static AsmVisitorWrapper threadReadsOnly() {
    return MethodRewriting.of(ElementMatchers.any(), ThreadReadRewriter::new);
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
    return MethodRewriting.of(
        ElementMatchers.any(), visitor -> new CallSiteRewriter(visitor, clocks, hashes, locks));
  }
}
