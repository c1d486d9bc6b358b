package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program whose output depends on every captured source (clocks, randomness, UUIDs, identity
 * hashes, nanoTime deltas) replays to the same output every time.
 */
class ShowcaseReplayIT {
  static final String SHOWCASE = "io.ftjvm.testapps.nondet.NondeterminismShowcase";

  @TempDir Path work;

  @Test
  void withoutTheAgentTwoRunsDiffer() throws Exception {
    String first = Ftjvm.run(work, Map.of(), Ftjvm.java(SHOWCASE, "2")).expectStatus(0).stdout();
    String second = Ftjvm.run(work, Map.of(), Ftjvm.java(SHOWCASE, "2")).expectStatus(0).stdout();
    assertNotEquals(
        first,
        second,
        "the showcase must be nondeterministic for the replay test to mean anything");
  }

  @Test
  void aJavaDashJarProgramRecordsAndReplays() throws Exception {
    Path recording = work.resolve("rec-jar");
    Ftjvm.Result recorded =
        Ftjvm.ftjvm(
                work,
                Map.of(),
                Ftjvm.record(recording, List.of(Ftjvm.JAVA, "-jar", Ftjvm.APPS, "2")))
            .expectStatus(0);
    assertTrue(recorded.stdout().contains("iterations 2"), recorded.stdout());
    for (int i = 0; i < 3; i++) {
      Ftjvm.Result replayed =
          Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
      assertEquals(recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
    }
  }

  /**
   * Replayed where the JVM sees another number of processors (another machine, a container with
   * another CPU limit), a program still sees the recorded count and sizes its pools, and the JDK
   * its common pool, as when recorded: ./ftjvm replay starts the JVM with the recorded count. A JVM
   * started without it is refused at once, with the remedy, rather than diverge later.
   */
  @Test
  void aReplayWhereTheJvmSeesOtherProcessorsSeesTheRecordedCount() throws Exception {
    Path recording = work.resolve("shape");
    Ftjvm.Result recorded =
        Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.nondet.MachineShape");
    Matcher count = Pattern.compile("processors (\\d+)").matcher(recorded.stdout());
    assertTrue(count.find(), recorded.stdout());
    int processors = Integer.parseInt(count.group(1));
    String elsewhere = "-XX:ActiveProcessorCount=" + (processors + 1);

    Ftjvm.Result replayed =
        Ftjvm.ftjvm(work, Map.of("JAVA_TOOL_OPTIONS", elsewhere), "replay", recording.toString())
            .expectStatus(0);
    assertEquals(recorded.stdout(), replayed.stdout());

    Ftjvm.Result refused =
        Ftjvm.run(
            work,
            Map.of(),
            List.of(
                Ftjvm.JAVA,
                elsewhere,
                "-javaagent:"
                    + Ftjvm.ROOT.resolve("agent/target/ftjvm-agent.jar")
                    + "=mode=replay,dir="
                    + recording,
                "-cp",
                Ftjvm.APPS,
                "io.ftjvm.testapps.nondet.MachineShape"));
    assertNotEquals(0, refused.status());
    assertEquals("", refused.stdout(), "the program must not run");
    assertTrue(
        refused
            .stderr()
            .contains(
                "was made in a JVM that saw "
                    + processors
                    + " processors, and this one sees "
                    + (processors + 1)
                    + "; replay with -XX:ActiveProcessorCount="
                    + processors),
        refused.stderr());
  }

  @Test
  void recordedRunReplaysIdenticallyTenTimes() throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded = Ftjvm.recordApp(work, recording, SHOWCASE, "3");
    assertTrue(recorded.stdout().contains("digest "), recorded.stdout());
    // The load average it printed is in the log as its bits, and inspect shows it as a number.
    java.util.regex.Matcher load =
        java.util.regex.Pattern.compile("machine load average (\\S+),").matcher(recorded.stdout());
    assertTrue(load.find(), recorded.stdout());
    String reals = Ftjvm.eventsOfType(work, recording, "JVM_REAL");
    assertTrue(reals.contains(" (" + load.group(1) + ")"), reals);
    // What it read by reflection (Method.invoke, the platform MBeanServer) is logged too.
    java.util.regex.Matcher reflected =
        java.util.regex.Pattern.compile(
                "by reflection: process CPU time (\\d+) ns, uptime (\\d+) ms, pid (\\d+)")
            .matcher(recorded.stdout());
    assertTrue(reflected.find(), recorded.stdout());
    String values = Ftjvm.eventsOfType(work, recording, "JVM_VALUE");
    for (int group = 1; group <= 2; group++) {
      assertTrue(values.contains(" value=" + reflected.group(group) + "\n"), values);
    }
    // The pid twice: read directly at the start (ProcessHandle), then by reflection.
    assertEquals(2, values.split(" value=" + reflected.group(3) + "\n", -1).length - 1, values);
    for (int i = 0; i < 10; i++) {
      Ftjvm.Result replayed =
          Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
      assertEquals(recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
    }
  }
}
