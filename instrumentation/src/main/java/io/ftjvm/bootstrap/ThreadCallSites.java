package io.ftjvm.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code isAlive()}, {@code isInterrupted()} and {@code getState()} called through a type other
 * than {@code Thread} itself ({@code worker.isAlive()} where {@code worker} is declared as a {@code
 * Thread} subclass). Whether that type is a Thread is only known once its class is loaded, and
 * loading it while the caller is being transformed could be a class-loading circularity; so such
 * call sites become invokedynamic instructions linked here, once each, when first run: to the
 * ordered hook if the type is a Thread, to the original virtual call otherwise ({@code
 * Process.isAlive()}, an application class's own {@code isAlive()}).
 */
public final class ThreadCallSites {
  private ThreadCallSites() {}

  /**
   * {@code type} is {@code (Owner)boolean} or {@code (Owner)Thread.State}: the call's receiver, as
   * the caller declared it, and what the method returns.
   */
  public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type)
      throws ReflectiveOperationException {
    Class<?> owner = type.parameterType(0);
    MethodHandle target;
    if (Thread.class.isAssignableFrom(owner)) {
      Class<?> hooks = name.equals("isInterrupted") ? InterruptHooks.class : ThreadLifeHooks.class;
      target =
          MethodHandles.lookup()
              .findStatic(hooks, name, MethodType.methodType(type.returnType(), Thread.class))
              .asType(type);
    } else {
      target = caller.findVirtual(owner, name, MethodType.methodType(type.returnType()));
    }
    return new ConstantCallSite(target);
  }
}
