package io.ftjvm.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isDefaultFinalizer;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.ftjvm.bootstrap.AgentLog;
import io.ftjvm.instrumentation.cache.CachingTransformer;
import io.ftjvm.instrumentation.cache.TransformationCache;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the capture modules with one Byte Buddy agent builder: retransformation for classes
 * already loaded (the JDK's), no class-format changes (so retransformation is always allowed),
 * errors to the agent's log, and the re-entrancy guard around every transformation.
 */
public final class CaptureInstaller {
  private CaptureInstaller() {}

  /**
   * @param cache what earlier starts made of the JDK classes, reused and added to; null to
   *     transform everything afresh
   */
  public static ResettableClassFileTransformer install(
      Instrumentation inst,
      List<CaptureModule> modules,
      ClassLoader agentLoader,
      List<String> excludedPrefixes,
      TransformationCache cache) {
    ErrorListener errors = new ErrorListener();
    // The agent builder prepares Byte Buddy's Nexus (type initialisers injected with Unsafe) even
    // though class-format changes are disabled and it is never used; on Java 24+ that prints an
    // Unsafe deprecation warning into the application's stderr. The property is relocated with
    // Byte Buddy, so it cannot clash with an application's own Byte Buddy.
    System.setProperty(net.bytebuddy.dynamic.Nexus.PROPERTY, "true");
    AgentBuilder builder =
        // Byte Buddy hides synthetic methods from transformations by default, and lambda bodies
        // are synthetic methods: a clock read, a synchronized block or a VarHandle operation in a
        // lambda would not be captured. Only the default finalizer stays hidden.
        // Every transformation only visits the methods a class declares (advice and call-site
        // rewriting), so the graph of the methods it inherits is not needed, nor is validating a
        // type that is not changed: computing them was a fifth of the agent's start-up time.
        new AgentBuilder.Default(
                new ByteBuddy()
                    .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                    .with(TypeValidation.DISABLED)
                    .ignore(isDefaultFinalizer()))
            .disableClassFormatChanges()
            // Only visitors (advice, call-site rewriting) are applied, never new or intercepted
            // methods: decorating skips the method registry a redefinition prepares.
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(errors)
            .with(
                new AgentBuilder.TransformerDecorator() {
                  @Override
                  public ResettableClassFileTransformer decorate(
                      ResettableClassFileTransformer transformer) {
                    if (cache == null) {
                      return new GuardedTransformer(transformer);
                    }
                    CachingTransformer caching = new CachingTransformer(transformer, cache);
                    errors.caching = caching;
                    return new GuardedTransformer(caching);
                  }
                })
            // The agent's own classes (its private loader, the hooks, the entry class, relocated
            // libraries) are never instrumented; everything else is matched by the modules.
            .ignore(
                nameStartsWith("io.ftjvm.shaded.")
                    .or(nameStartsWith("io.ftjvm.bootstrap."))
                    .or(nameStartsWith("io.ftjvm.agent.entry."))
                    .or(nameStartsWith("jdk.internal.reflect."))
                    .or(nameStartsWith("sun.reflect."))
                    .or(isSynthetic())
                    .or(type -> excludedPrefixes.stream().anyMatch(type.getName()::startsWith)))
            .or(any(), is(agentLoader));
    for (CaptureModule module : modules) {
      builder = module.install(builder);
      for (String jdkClass : module.jdkClasses()) {
        try {
          Class.forName(jdkClass, false, null);
        } catch (ClassNotFoundException e) {
          AgentLog.error(
              "JDK class " + jdkClass + " not found; " + module.name() + " capture is incomplete",
              e);
        }
      }
    }
    return builder.installOn(inst);
  }

  /** -Dftjvm.traceInstrumentation=true lists what is instrumented, for diagnosing capture gaps. */
  private static final boolean TRACE = Boolean.getBoolean("ftjvm.traceInstrumentation");

  /** Sends transformation errors to the agent log instead of losing them. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    /** Told of every failure, so that a class that could not be transformed is never cached. */
    volatile CachingTransformer caching;

    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      CachingTransformer cachingNow = caching;
      if (cachingNow != null) {
        cachingNow.failed(typeName);
      }
      AgentLog.error("could not instrument " + typeName, throwable);
    }

    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      if (TRACE) {
        System.err.println("[ftjvm] instrumented " + type.getName());
      }
    }

    @Override
    public void onIgnored(
        TypeDescription type, ClassLoader classLoader, JavaModule module, boolean loaded) {
      if (TRACE && classLoader != null) {
        System.err.println("[ftjvm] not instrumented " + type.getName() + " (" + classLoader + ")");
      }
    }
  }
}
