package io.ftjvm.instrumentation;

import java.util.function.UnaryOperator;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/** Byte Buddy's hook for an ASM rewrite of the bodies of some of a class's own methods. */
public final class MethodRewriting {
  private MethodRewriting() {}

  /** A rewriter that needs to know the method and to look up other types (without loading them). */
  public interface Rewriter {
    MethodVisitor rewrite(
        TypeDescription type, MethodDescription method, TypePool pool, MethodVisitor next);
  }

  /** As {@link #of(ElementMatcher, UnaryOperator)}, for a rewriter that needs the context. */
  public static AsmVisitorWrapper withContext(
      ElementMatcher<? super MethodDescription> which, Rewriter rewriter) {
    return new AsmVisitorWrapper.ForDeclaredMethods()
        .invokable(
            which,
            (TypeDescription type,
                MethodDescription method,
                MethodVisitor visitor,
                Implementation.Context context,
                TypePool pool,
                int writerFlags,
                int readerFlags) -> rewriter.rewrite(type, method, pool, visitor));
  }

  /** Passes the code of every declared method matching {@code which} through {@code rewriter}. */
  public static AsmVisitorWrapper of(
      ElementMatcher<? super MethodDescription> which, UnaryOperator<MethodVisitor> rewriter) {
    return withContext(which, (type, method, pool, visitor) -> rewriter.apply(visitor));
  }
}
