package io.ftjvm.instrumentation.callsite;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * The JDK's implementations of the reports are found on this JDK, and of each only the methods that
 * a call site would log are passed through the hook.
 */
class ReflectedReportInstrumentationTest {
  @Test
  void everyImplementationIsInThisJdk() {
    assertEquals(13, new ReflectedReportInstrumentation().jdkClasses().size());
  }

  @Test
  void theOperatingSystemsReportsAreMatchedAndItsDescriptionIsNot() throws Exception {
    Set<String> matched =
        matched(
            "com.sun.management.internal.OperatingSystemImpl",
            List.of(
                "com/sun/management/OperatingSystemMXBean",
                "com/sun/management/UnixOperatingSystemMXBean"));
    assertTrue(
        matched.containsAll(
            Set.of(
                "getProcessCpuLoad()D",
                "getProcessCpuTime()J",
                "getOpenFileDescriptorCount()J",
                "getTotalMemorySize()J")),
        matched.toString());
    for (String name : matched) {
      assertTrue(name.endsWith("()D") || name.endsWith("()J"), name);
    }
    List<String> runtime = List.of("java/lang/management/RuntimeMXBean");
    assertEquals(
        Set.of("getName()Ljava/lang/String;", "getStartTime()J", "getUptime()J"),
        matched("sun.management.RuntimeImpl", runtime));
    // The pid is the interface's default method, which the implementation does not override.
    assertEquals(Set.of("getPid()J"), matched("java.lang.management.RuntimeMXBean", runtime));
  }

  private static Set<String> matched(String implementation, List<String> interfaces)
      throws Exception {
    Set<String> names = new TreeSet<>();
    for (MethodDescription.InDefinedShape m :
        TypeDescription.ForLoadedType.of(Class.forName(implementation))
            .getDeclaredMethods()
            .filter(not(isAbstract()).and(ReflectedReportInstrumentation.reportOf(interfaces)))) {
      names.add(m.getInternalName() + m.getDescriptor());
    }
    return names;
  }
}
