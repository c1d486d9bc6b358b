package io.ftjvm.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * VarHandle operations in application classes (a compare-and-set, a getAndAdd, a volatile get or
 * set): each is ordered as one atomic operation, on the object whose field or element it touches,
 * or on the VarHandle itself for a static field. Their call sites are rewritten into invokedynamic
 * instructions bootstrapped here, because VarHandle methods are signature-polymorphic: one call
 * site per descriptor, each linked once to a method handle that orders the operation around the
 * original one. Weak compare-and-sets become strong ones: a spurious failure could not be replayed,
 * and a strong compare-and-set is a valid weak one.
 */
public final class OrderedVarHandles {
  private static final MethodHandle ENTER;
  private static final MethodHandle EXIT;
  private static final MethodHandle EXIT_VOID;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      ENTER =
          lookup.findStatic(
              OrderedVarHandles.class,
              "enter",
              MethodType.methodType(Object.class, VarHandle.class, Object.class));
      EXIT =
          lookup.findStatic(
              OrderedVarHandles.class,
              "exit",
              MethodType.methodType(Object.class, Throwable.class, Object.class, Object.class));
      EXIT_VOID =
          lookup.findStatic(
              OrderedVarHandles.class,
              "exit",
              MethodType.methodType(void.class, Throwable.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private OrderedVarHandles() {}

  /**
   * Links a rewritten call site: {@code name} is the access mode method (compareAndSet, get, ...),
   * {@code type} the call's descriptor with the VarHandle as its first parameter.
   */
  public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
    String mode = name.startsWith("weakCompareAndSet") ? "compareAndSet" : name;
    MethodType accessType = type.dropParameterTypes(0, 1);
    MethodHandle operation =
        MethodHandles.varHandleInvoker(VarHandle.AccessMode.valueFromMethodName(mode), accessType);
    // (entered, VarHandle, args...) -> result, with exit(entered) after it, thrown or not.
    MethodHandle body = MethodHandles.dropArguments(operation, 0, Object.class);
    Class<?> result = type.returnType();
    MethodHandle cleanup =
        result == void.class
            ? EXIT_VOID
            : EXIT.asType(MethodType.methodType(result, Throwable.class, result, Object.class));
    MethodHandle ordered = MethodHandles.tryFinally(body, cleanup);
    // entered = enter(VarHandle, first coordinate if it is an object, else null)
    MethodHandle enter;
    if (accessType.parameterCount() > 0 && !accessType.parameterType(0).isPrimitive()) {
      enter =
          ENTER.asType(MethodType.methodType(Object.class, VarHandle.class, type.parameterType(1)));
      enter =
          MethodHandles.dropArguments(
              enter, 2, accessType.parameterList().subList(1, accessType.parameterCount()));
    } else {
      enter = MethodHandles.insertArguments(ENTER, 1, (Object) null);
      enter = MethodHandles.dropArguments(enter, 1, accessType.parameterList());
    }
    return new ConstantCallSite(MethodHandles.foldArguments(ordered, enter));
  }

  /**
   * The object the operation is ordered on, if it is: the instance or array it touches, or the
   * VarHandle for a static field (which has no coordinates).
   */
  static Object enter(VarHandle handle, Object firstArgument) {
    Object target = handle.coordinateTypes().isEmpty() ? handle : firstArgument;
    return LockFreeSteps.enter(target);
  }

  static Object exit(Throwable thrown, Object result, Object entered) {
    LockFreeSteps.exit(entered);
    return result;
  }

  static void exit(Throwable thrown, Object entered) {
    LockFreeSteps.exit(entered);
  }
}
