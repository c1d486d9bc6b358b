package io.ftjvm.instrumentation.jvmservice;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The entry points through which the JVM's flight recorder (JFR) runs on an application thread once
 * the program has started: its diagnostic commands (when the program invokes them through the
 * DiagnosticCommand MBean; {@code jcmd} runs them on the JVM's attach thread, which is not the
 * application's anyway), the recorder's creation, everything the recorder does when a program
 * drives it through {@code jdk.jfr.Recording}, and what it does in every Throwable's constructor
 * while it records (counting and throttling exception events). Each is {@link JvmServiceAdvice}:
 * the JVM's work, not captured. JFR started with the JVM ({@code -XX:StartFlightRecording}) starts
 * before the program does, while {@link io.ftjvm.bootstrap.ProgramStart} holds the main thread.
 *
 * <p>The classes are instrumented when JFR loads them, never loaded by the agent (most programs
 * never start a recording, and loading JFR costs start-up time), except the exception tracers.
 */
public final class JvmServiceInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "jvm-services";
  }

  /**
   * The exception tracers, whichever this JDK has: the first Throwable a recording sees is often
   * made while Byte Buddy transforms a class, and a tracer first loaded then would escape. Loading
   * one (without initialising it) costs nothing worth counting, unlike the rest of JFR.
   */
  @Override
  public java.util.List<String> jdkClasses() {
    return CaptureModule.present(
        "jdk.internal.event.ThrowableTracer", "jdk.jfr.internal.instrument.ThrowableTracer");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("jdk.jfr.internal.dcmd.AbstractDCmd"))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(JvmServiceAdvice.class)
                        .on(
                            named("execute")
                                .and(takesArguments(String.class, String.class, char.class)))))
        .type(named("jdk.jfr.FlightRecorder"))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(JvmServiceAdvice.class)
                        .on(named("getFlightRecorder").and(isStatic()))))
        .type(
            namedOneOf(
                "jdk.jfr.internal.PlatformRecorder",
                // What a recording does in every Throwable's constructor, on the thread that makes
                // it: counting (an AtomicLong) and, from Java 25 on, throttling the exception
                // events (a ReentrantLock). The JDK throws and catches errors of its own where
                // timing decides (resolving method handles for the first time, on whichever
                // thread gets there first): captured, they were steps a replay could not repeat.
                "jdk.jfr.internal.instrument.ThrowableTracer",
                "jdk.internal.event.ThrowableTracer",
                "jdk.jfr.internal.settings.Throttler"))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(JvmServiceAdvice.class).on(isMethod().and(not(isAbstract())))));
  }
}
