package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ftjvm.fixture.ReportingBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A report's answer is logged when reflection called the reporting method, and only then: a direct
 * call is logged at its call site, and a report read inside another one is the JDK's own work.
 */
class ReflectedReportsTest {
  private final List<String> events = new ArrayList<>();

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  private void answeringRecorded() {
    StubHandler.install(
        (event, args) -> {
          events.add(event + " " + args[1]);
          return Double.doubleToRawLongBits(0.75); // what the recording holds
        });
  }

  @Test
  void aReportCalledThroughMethodInvokeIsLoggedAndAnsweredAsRecorded() throws Exception {
    answeringRecorded();
    Object answer = ReportingBean.class.getMethod("load").invoke(new ReportingBean());
    assertEquals(0.75, answer);
    assertEquals(List.of("value " + EventKind.JVM_REAL), events);
  }

  @Test
  void aDirectCallOrAReportReadInsideAnotherIsNotLoggedHere() throws Exception {
    answeringRecorded();
    assertEquals(0.25, new ReportingBean().load());
    // Reflection called the outer report: it is logged once, the inner one not at all.
    Object answer = ReportingBean.class.getMethod("loadThroughAnother").invoke(new ReportingBean());
    assertEquals(0.25, answer, "the outer method's own answer is not a report's");
    assertEquals(List.of(), events);
  }

  @Test
  void outsideCaptureTheAnswerIsTheActualOne() throws Exception {
    assertEquals(0.25, ReportingBean.class.getMethod("load").invoke(new ReportingBean()));
    assertEquals(List.of(), events);
  }
}
