package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ftjvm demo} as a user runs it: both parts with the real CRIU, and what it says and
 * returns where CRIU is not usable.
 */
class DemoIT {
  private static final Pattern OUTCOME =
      Pattern.compile(
          "acknowledged writes: (\\d+), present exactly once: (\\d+), lost: (\\d+), applied"
              + " twice: (\\d+); keys held: (\\d+) of (\\d+)");
  private static final Pattern KEPT = Pattern.compile("The demo's files are kept in (\\S+):");

  @TempDir Path work;

  @Test
  void afterTheKillEveryAcknowledgedWriteIsThereExactlyOnce() throws Exception {
    requireProvisionedCriu();
    Ftjvm.Result demo = Ftjvm.ftjvm(work, Map.of(), "demo", "--keep");
    Path kept = kept(demo);
    try {
      demo.expectStatus(0);
      assertTrue(kept != null, "the demo did not say where it kept its files:\n" + demo.stdout());
      String out = demo.stdout();
      assertTrue(out.contains("All three replays reproduced the recorded run exactly."), out);

      Matcher m = OUTCOME.matcher(out);
      assertTrue(m.find(), "no outcome line in:\n" + out);
      int acknowledged = Integer.parseInt(m.group(1));
      assertTrue(acknowledged > 0, m.group());
      assertEquals(acknowledged, Integer.parseInt(m.group(2)), m.group());
      assertEquals(0, Integer.parseInt(m.group(3)), "lost: " + m.group());
      assertEquals(0, Integer.parseInt(m.group(4)), "applied twice: " + m.group());
      assertEquals(m.group(6), m.group(5), "keys held: " + m.group());

      // The state directory says the same as the demo: a real SIGKILL, one recovery, live again.
      Path state = kept.resolve("kv-state");
      String supervisorLog = Files.readString(state.resolve("supervisor.log"));
      assertTrue(supervisorLog.contains("java exit status 137"), supervisorLog);
      assertTrue(supervisorLog.contains("recovery 1: restored"), supervisorLog);
      assertTrue(Files.exists(state.resolve("recovery/000001/live")), supervisorLog);
      assertFalse(Files.exists(state.resolve("recovery/000002")), supervisorLog);
    } finally {
      deleteTree(kept);
    }
  }

  @Test
  void withoutAUsableCriuTheCrashPartSaysWhyAndTheDemoEndsWith4() throws Exception {
    Ftjvm.Result demo = Ftjvm.ftjvm(work, criuThatFailsItsCheck(), "demo");

    assertEquals(4, demo.status(), demo.stdout() + demo.stderr());
    String out = demo.stdout();
    assertTrue(out.contains("All three replays reproduced the recorded run exactly."), out);
    assertTrue(out.contains("The crash part cannot run on this machine"), out);
    // The reason is ftjvm run's own refusal, quoting what `criu check` printed.
    assertTrue(out.contains("`criu check` exited with status 1"), out);
    assertTrue(out.contains("this fake CRIU needs root"), out);
    assertFalse(out.contains("Crash the server"), out);
  }

  @Test
  void noCrashRunsTheRecordReplayPartAlone() throws Exception {
    // With a CRIU that would make the crash part end the demo with 4: --no-crash must not try it.
    Ftjvm.Result demo =
        Ftjvm.ftjvm(work, criuThatFailsItsCheck(), "demo", "--no-crash").expectStatus(0);

    String out = demo.stdout();
    assertTrue(out.contains("All three replays reproduced the recorded run exactly."), out);
    assertFalse(out.contains("Part 2"), out);
    assertFalse(out.contains("ftjvm run"), out);
  }

  /**
   * Environment that makes every ftjvm JVM use a CRIU whose {@code criu check} fails, as on a
   * machine where it is not run as root.
   */
  private Map<String, String> criuThatFailsItsCheck() throws Exception {
    Path fake = work.resolve("fake-criu");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "case \"$1\" in\n"
            + "  --version) echo 'Version: 4.2.1' ;;\n"
            + "  check) echo 'Error (criu/cr-check.c:1): this fake CRIU needs root'; exit 1 ;;\n"
            + "  *) exit 1 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Map.of("JAVA_TOOL_OPTIONS", "-Dftjvm.criu=" + fake);
  }

  /**
   * As the unit tests of the real CRIU do: skipped, saying why, only where CRIU was never
   * provisioned; a provisioned CRIU that does not work fails the test.
   */
  private static void requireProvisionedCriu() {
    boolean provisioned = Files.isDirectory(Ftjvm.ROOT.resolve(".ftjvm/criu"));
    String why =
        "SKIPPED: CRIU was never provisioned ("
            + Ftjvm.ROOT.resolve(".ftjvm/criu")
            + " does not exist); run checkpoint-criu/provision/provision-criu.sh";
    if (!provisioned) {
      System.out.println(why);
    }
    assumeTrue(provisioned, why);
  }

  /** Where the demo kept its files (it says so with --keep, and after a failure), or null. */
  private static Path kept(Ftjvm.Result demo) {
    Matcher m = KEPT.matcher(demo.stdout());
    return m.find() ? Path.of(m.group(1)) : null;
  }

  private static void deleteTree(Path root) throws Exception {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
