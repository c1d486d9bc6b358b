package io.ftjvm.instrumentation.callsite;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What the JVM reports about itself, read by reflection: {@code Method.invoke} on an MXBean's
 * method, as metrics libraries read the CPU loads and file descriptor counts that only some JDKs
 * have, and as the platform MBeanServer reads an attribute for a program that asks it. A call site
 * cannot be rewritten for that ({@code Method.invoke} checks access against its caller, so a hook
 * cannot make the call for the program), so the JDK's implementations of the reported methods pass
 * their answer to {@link io.ftjvm.bootstrap.ReflectedReports}, which logs it only when the method
 * was called through reflection on an application thread: a direct call is already logged at its
 * call site ({@link RunDependentReads}), and the same list of methods decides both.
 */
public final class ReflectedReportInstrumentation implements CaptureModule {
  private static final String LANG = "java/lang/management/";
  private static final String SUN = "com/sun/management/";

  /**
   * Each implementation class of the JDK's, and the interfaces whose reports it answers; and the
   * interfaces themselves, whose default methods answer some reports ({@code
   * RuntimeMXBean.getPid()}, and those newer JDKs added to the ThreadMXBean).
   */
  private static final Map<String, List<String>> IMPLEMENTATIONS =
      Map.ofEntries(
          Map.entry(
              "sun.management.BaseOperatingSystemImpl", List.of(LANG + "OperatingSystemMXBean")),
          Map.entry(
              "com.sun.management.internal.OperatingSystemImpl",
              List.of(SUN + "OperatingSystemMXBean", SUN + "UnixOperatingSystemMXBean")),
          Map.entry("sun.management.RuntimeImpl", List.of(LANG + "RuntimeMXBean")),
          Map.entry(
              "sun.management.ThreadImpl", List.of(LANG + "ThreadMXBean", SUN + "ThreadMXBean")),
          Map.entry("com.sun.management.internal.HotSpotThreadImpl", List.of(SUN + "ThreadMXBean")),
          Map.entry("sun.management.ClassLoadingImpl", List.of(LANG + "ClassLoadingMXBean")),
          Map.entry(
              "sun.management.GarbageCollectorImpl", List.of(LANG + "GarbageCollectorMXBean")),
          Map.entry(
              "com.sun.management.internal.GarbageCollectorExtImpl",
              List.of(SUN + "GarbageCollectorMXBean")),
          Map.entry("sun.management.MemoryImpl", List.of(LANG + "MemoryMXBean")),
          Map.entry("java.lang.management.RuntimeMXBean", List.of(LANG + "RuntimeMXBean")),
          Map.entry("java.lang.management.ThreadMXBean", List.of(LANG + "ThreadMXBean")),
          Map.entry("com.sun.management.ThreadMXBean", List.of(SUN + "ThreadMXBean")),
          Map.entry(
              "com.sun.management.OperatingSystemMXBean", List.of(SUN + "OperatingSystemMXBean")));

  @Override
  public String name() {
    return "reflected-reports";
  }

  /**
   * Loaded (not initialised) before installing, as every JDK class the agent instruments: few
   * programs read these reports, but one loaded while another class is transformed would escape.
   */
  @Override
  public List<String> jdkClasses() {
    return CaptureModule.present(IMPLEMENTATIONS.keySet().toArray(new String[0]));
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    for (Map.Entry<String, List<String>> implementation : IMPLEMENTATIONS.entrySet()) {
      ElementMatcher<MethodDescription> reports = reportOf(implementation.getValue());
      builder =
          builder
              .type(named(implementation.getKey()))
              .transform(
                  (b, type, loader, module, domain) ->
                      b.visit(
                          Advices.to(ReflectedReportAdvice.class)
                              .on(isMethod().and(not(isAbstract())).and(reports))));
    }
    return builder;
  }

  /** A method that one of these interfaces declares as a report (same name and descriptor). */
  static ElementMatcher<MethodDescription> reportOf(List<String> interfaces) {
    return method -> {
      String nameAndDescriptor = method.getInternalName() + method.getDescriptor();
      for (String owner : interfaces) {
        if (RunDependentReads.isReported(owner, nameAndDescriptor)) {
          return true;
        }
      }
      return false;
    };
  }
}
