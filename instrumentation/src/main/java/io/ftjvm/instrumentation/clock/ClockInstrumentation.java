package io.ftjvm.instrumentation.clock;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import java.time.Instant;
import net.bytebuddy.agent.builder.AgentBuilder;

/** The java.time system clock (Instant.now, Clock.systemUTC(), LocalDateTime.now, ...). */
public final class ClockInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "clock";
  }

  @Override
  public java.util.List<String> jdkClasses() {
    return java.util.List.of("java.time.Clock", "java.time.Clock$SystemClock");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("java.time.Clock"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ClockInstantAdvice.class)
                        .on(
                            named("currentInstant")
                                .and(takesNoArguments())
                                .and(returns(Instant.class)))))
        .type(named("java.time.Clock$SystemClock"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(ClockInstantAdvice.class)
                            .on(
                                named("instant")
                                    .and(takesNoArguments())
                                    .and(returns(Instant.class))))
                    .visit(
                        Advices.to(ClockMillisAdvice.class)
                            .on(named("millis").and(takesNoArguments()).and(returns(long.class)))));
  }
}
