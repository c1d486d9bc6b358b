package io.ftjvm.instrumentation.random;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/** Random seeds, ThreadLocalRandom, SecureRandom output (and so UUID.randomUUID). */
public final class RandomInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "random";
  }

  @Override
  public java.util.List<String> jdkClasses() {
    return java.util.List.of(
        "java.util.Random", "java.util.concurrent.ThreadLocalRandom", "java.security.SecureRandom");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("java.util.Random"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(RandomSeedAdvice.class).on(isConstructor().and(takesNoArguments()))))
        .type(named("java.util.concurrent.ThreadLocalRandom"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ThreadLocalRandomAdvice.class)
                        .on(named("nextSeed").and(takesNoArguments()))))
        .type(named("java.security.SecureRandom"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(SecureRandomBytesAdvice.class)
                            .on(named("nextBytes").and(takesArguments(1).or(takesArguments(2)))))
                    .visit(
                        Advices.to(SecureRandomSeedAdvice.class)
                            .on(named("generateSeed").and(takesArguments(int.class)))));
  }
}
