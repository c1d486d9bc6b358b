package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help, refusals, pass-through of the program's status, inspect. */
class CommandLineIT {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"record", "replay", "inspect", "demo"})
  void everySubcommandHasHelp(String command) throws Exception {
    Ftjvm.Result help = Ftjvm.ftjvm(work, Map.of(), command, "--help").expectStatus(0);
    assertTrue(help.stdout().contains("Usage: ftjvm " + command), help.stdout());
  }

  @Test
  void topLevelHelpListsCommandsAndExitStatuses() throws Exception {
    String help = Ftjvm.ftjvm(work, Map.of(), "--help").expectStatus(0).stdout();
    assertTrue(
        help.contains("record") && help.contains("replay") && help.contains("inspect"), help);
    assertTrue(help.contains("86"), help);
  }

  @Test
  void recordPassesTheProgramsStatusAndOutputThrough() throws Exception {
    Ftjvm.Result result =
        Ftjvm.ftjvm(
            work,
            Map.of(),
            Ftjvm.record(
                work.resolve("rec"),
                Ftjvm.java("io.ftjvm.testapps.nondet.NondeterminismShowcase", "not-a-number")));
    assertEquals(2, result.status(), result.stderr());
    assertTrue(result.stderr().contains("error:"), result.stderr());
  }

  @Test
  void recordingAndReplayAddNothingToTheProgramsStderr() throws Exception {
    // Not even the JVM's class-sharing warning, which it prints when an agent appends to the
    // bootstrap class path after start-up: the agent jar's manifest puts it there at start.
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.nondet.NondeterminismShowcase", "1");
    Ftjvm.Result replayed =
        Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
    for (Ftjvm.Result run : List.of(recorded, replayed)) {
      assertEquals("", run.stderr(), "unexpected output on stderr");
    }
  }

  @Test
  void recordRefusesANonEmptyDirectory() throws Exception {
    Path used = work.resolve("used");
    Files.createDirectories(used);
    Files.writeString(used.resolve("something"), "x");
    Ftjvm.Result result =
        Ftjvm.ftjvm(
            work,
            Map.of(),
            Ftjvm.record(used, Ftjvm.java("io.ftjvm.testapps.nondet.NondeterminismShowcase")));
    assertEquals(2, result.status());
    assertTrue(result.stderr().contains("not an empty directory"), result.stderr());
  }

  @Test
  void recordRefusesACommandThatIsNotJava() throws Exception {
    Ftjvm.Result result =
        Ftjvm.ftjvm(
            work,
            Map.of(),
            "record",
            "--out",
            work.resolve("r").toString(),
            "--",
            "python3",
            "x.py");
    assertEquals(2, result.status());
    assertTrue(result.stderr().contains("must start with java"), result.stderr());
  }

  @Test
  void replayOfAMissingDirectoryIsRefused() throws Exception {
    Ftjvm.Result result =
        Ftjvm.ftjvm(work, Map.of(), "replay", work.resolve("nothing-here").toString());
    assertEquals(2, result.status());
    assertTrue(result.stderr().contains("nothing-here"), result.stderr());
  }

  @Test
  void inspectSummarisesAndFiltersEvents() throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.recordApp(work, recording, "io.ftjvm.testapps.nondet.NondeterminismShowcase", "2");

    String summary =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
    for (String expected :
        new String[] {
          "threads",
          "CLOCK_MILLIS",
          "CLOCK_NANOS",
          "RANDOM_SEED",
          "IDENTITY_HASH",
          "SECURE_RANDOM",
          "by thread"
        }) {
      assertTrue(summary.contains(expected), expected + " missing from:\n" + summary);
    }

    String clocks =
        Ftjvm.ftjvm(
                work,
                Map.of(),
                "inspect",
                recording.toString(),
                "--events",
                "--type",
                "clock_nanos")
            .expectStatus(0)
            .stdout();
    assertFalse(clocks.isBlank());
    for (String line : clocks.split("\n")) {
      assertTrue(line.contains("CLOCK_NANOS"), "filter let through: " + line);
    }

    String json =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString(), "--json")
            .expectStatus(0)
            .stdout();
    assertTrue(json.trim().startsWith("{") && json.trim().endsWith("}"), json);
    assertTrue(json.contains("\"byType\""), json);

    Ftjvm.Result unknownType =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString(), "--events", "--type", "NOPE");
    assertEquals(2, unknownType.status());
    assertTrue(unknownType.stderr().contains("unknown event type"), unknownType.stderr());
  }
}
