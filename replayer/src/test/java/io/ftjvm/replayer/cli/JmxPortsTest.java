package io.ftjvm.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JmxPortsTest {
  private static final String PORT = "-Dcom.sun.management.jmxremote.port=";
  private static final String RMI_PORT = "-Dcom.sun.management.jmxremote.rmi.port=";

  @Test
  void aTakenPortAmongTheJvmOptionsIsFreedAndTheUserTold() {
    List<String> notes = new ArrayList<>();
    List<String> argv =
        List.of("java", PORT + "9010", RMI_PORT + "9011", "-cp", "app.jar", "Main", PORT + "9010");
    List<String> freed = JmxPorts.freed(argv, Set.of(9010, 9011)::contains, notes);
    // The program's own argument after the main class is its business, whatever it looks like.
    assertEquals(
        List.of("java", PORT + "0", RMI_PORT + "0", "-cp", "app.jar", "Main", PORT + "9010"),
        freed);
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("the recorded JMX port 9010 ("), notes.get(0));
    assertTrue(notes.get(1).contains("9011 (com.sun.management.jmxremote.rmi.port)"), notes.get(1));
  }

  @Test
  void aFreePortAndAPortThatIsNotOneAreLeftAlone() {
    List<String> notes = new ArrayList<>();
    List<String> argv =
        List.of("java", PORT + "9010", RMI_PORT + "nine", "-jar", "app.jar", PORT + "1");
    assertEquals(argv, JmxPorts.freed(argv, port -> port != 9010, notes));
    assertEquals(List.of(), notes);
  }

  @Test
  void aPortIsTakenWhenSomethingListensOnIt() throws Exception {
    try (ServerSocket held = new ServerSocket(0)) {
      assertTrue(JmxPorts.taken(held.getLocalPort()));
    }
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    assertFalse(JmxPorts.taken(free));
  }
}
