package io.ftjvm.instrumentation.jvmservice;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The entry points through which the JVM's flight recorder (JFR) runs on an application thread once
 * the program has started: its diagnostic commands (when the program invokes them through the
 * DiagnosticCommand MBean; {@code jcmd} runs them on the JVM's attach thread, which is not the
 * application's anyway), the recorder's creation, and everything the recorder does when a program
 * drives it through {@code jdk.jfr.Recording}. Each is {@link JvmServiceAdvice}: the JVM's work,
 * not captured. JFR started with the JVM ({@code -XX:StartFlightRecording}) starts before the
 * program does, while {@link io.ftjvm.bootstrap.ProgramStart} holds the main thread.
 *
 * <p>The classes are instrumented when JFR loads them, never loaded by the agent: most programs
 * never start a recording, and loading JFR costs start-up time.
 */
public final class JvmServiceInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "jvm-services";
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
        .type(named("jdk.jfr.internal.PlatformRecorder"))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(JvmServiceAdvice.class).on(isMethod().and(not(isAbstract())))));
  }
}
