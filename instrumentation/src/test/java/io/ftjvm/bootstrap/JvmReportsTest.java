package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JVM reported (a pid, an uptime, a RuntimeMXBean name) goes to the handler as a value or
 * a text of its own kind, and the application is told what the handler answers.
 */
class JvmReportsTest {
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          events.add(event + " " + args[1] + " " + args[2]);
          if (event.equals("value")) {
            return 7L;
          }
          if (event.equals("text")) {
            return "7@recorded";
          }
          throw StubHandler.unexpected(event);
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void numbersAndTextsAreAnsweredByTheHandler() {
    assertEquals(7L, JvmReports.number(ProcessHandle.current().pid()));
    assertEquals("7@recorded", JvmReports.text("4242@host"));
    assertEquals(
        List.of(
            "value " + EventKind.JVM_VALUE + " " + ProcessHandle.current().pid(),
            "text " + EventKind.JVM_TEXT + " 4242@host"),
        events);
  }

  @Test
  void aRealNumberIsLoggedAsItsBitsAndAnsweredFromThem() {
    StubHandler.install(
        (event, args) -> {
          events.add(event + " " + args[1] + " " + args[2]);
          return Double.doubleToRawLongBits(0.25);
        });
    assertEquals(0.25, JvmReports.real(1.5));
    assertEquals(
        List.of("value " + EventKind.JVM_REAL + " " + Double.doubleToRawLongBits(1.5)), events);
    StubHandler.install((event, args) -> Double.doubleToRawLongBits(Double.NaN));
    assertTrue(Double.isNaN(JvmReports.real(-1.0)), "a recorded NaN is answered as NaN");
  }

  @Test
  void withoutCaptureTheyPassThrough() {
    StubHandler.uninstall();
    assertEquals(4242L, JvmReports.number(4242L));
    assertEquals("4242@host", JvmReports.text("4242@host"));
    assertEquals(List.of(), events);
  }
}
