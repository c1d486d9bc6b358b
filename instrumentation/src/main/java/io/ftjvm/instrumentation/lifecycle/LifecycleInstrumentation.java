package io.ftjvm.instrumentation.lifecycle;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Where the program starts (the launcher loads its main class: {@link MainClassLoadedAdvice}) and
 * the status it ends with, so replay can check it ends the way the recording did.
 */
public final class LifecycleInstrumentation implements CaptureModule {
  @Override
  public String name() {
    return "lifecycle";
  }

  @Override
  public java.util.List<String> jdkClasses() {
    return java.util.List.of("java.lang.Runtime", "sun.launcher.LauncherHelper");
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named("java.lang.Runtime"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(RuntimeExitAdvice.class)
                        .on(named("exit").and(takesArguments(int.class)))))
        .type(named("sun.launcher.LauncherHelper"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(MainClassLoadedAdvice.class)
                        .on(
                            named("checkAndLoadMain")
                                .and(takesArguments(boolean.class, int.class, String.class)))));
  }
}
