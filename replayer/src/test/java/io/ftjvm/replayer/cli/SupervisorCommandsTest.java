package io.ftjvm.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.checkpoint.CheckpointMetadataFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals of ftjvm run / restore / status / checkpoint, through the real command line. */
class SupervisorCommandsTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream oldErr;
  private PrintStream oldOut;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
    System.clearProperty("ftjvm.criu");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runRefusesABogusCriuBeforeLaunchingAnything() {
    Path bogus = tmp.resolve("no-such-criu");
    System.setProperty("ftjvm.criu", bogus.toString());
    Path state = tmp.resolve("state");

    int status = FtjvmCli.run("run", "--state", state.toString(), "--", "java", "-cp", "x", "Main");

    assertEquals(2, status, err());
    assertTrue(err().contains("fault-tolerance mode needs CRIU"), err());
    assertTrue(err().contains(bogus.toString()), err());
    assertFalse(Files.exists(state.resolve("app.pid")), "nothing was launched");
  }

  @Test
  void runQuotesCriuCheckWhenTheConfiguredCriuFailsIt() throws Exception {
    Path fake = tmp.resolve("criu");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "if [ \"$1\" = --version ]; then echo 'Version: 4.2.1'; exit 0; fi\n"
            + "echo 'Error (criu/cr-check.c:1): something the kernel lacks'; exit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty("ftjvm.criu", fake.toString());

    int status = FtjvmCli.run("run", "--state", tmp.resolve("s").toString(), "--", "java", "Main");

    assertEquals(2, status, err());
    assertTrue(err().contains("`criu check` exited with status 1"), err());
    assertTrue(err().contains("something the kernel lacks"), err());
  }

  @Test
  void runRefusesAStateDirectoryThatAlreadyHoldsARun() throws Exception {
    Path state = tmp.resolve("used");
    Files.createDirectories(state.resolve("recording/threads"));

    int status = FtjvmCli.run("run", "--state", state.toString(), "--", "java", "Main");

    assertEquals(2, status, err());
    assertTrue(err().contains("already holds a run"), err());
    assertTrue(err().contains("ftjvm restore " + state), err());
  }

  @Test
  void runRefusesJfr() {
    int status =
        FtjvmCli.run(
            "run",
            "--state",
            tmp.resolve("s").toString(),
            "--",
            "java",
            "-XX:StartFlightRecording",
            "Main");

    assertEquals(2, status, err());
    assertTrue(err().contains("JFR cannot be used in fault-tolerance mode"), err());
  }

  @Test
  void restoreRefusesARunThatEndedByItself() throws Exception {
    Path state = tmp.resolve("done");
    Files.createDirectories(state.resolve("recording"));
    Files.createFile(state.resolve("recording/end.bin"));

    assertEquals(2, FtjvmCli.run("restore", state.toString()), err());
    assertTrue(err().contains("the program ended by itself"), err());
  }

  @Test
  void restoreRefusesADirectoryWithoutARecording() {
    assertEquals(2, FtjvmCli.run("restore", tmp.toString()), err());
    assertTrue(err().contains("it has no recording/"), err());
  }

  @Test
  void checkpointRefusesAPidThatDoesNotRunTheAgent() {
    String self = Long.toString(ProcessHandle.current().pid());

    assertEquals(2, FtjvmCli.run("checkpoint", self), err());
    assertTrue(err().contains("does not run the FT-JVM agent in ft mode"), err());
  }

  @Test
  void checkpointWithoutAnAgentTimesOutWithStatus1() throws Exception {
    Path state = tmp.resolve("s");
    Files.createDirectories(state.resolve("recording"));

    assertEquals(1, FtjvmCli.run("checkpoint", state.toString(), "--timeout", "0"), err());
    assertTrue(err().contains("the agent did not answer within 0 s"), err());
  }

  @Test
  void statusShowsAHandMadeStateDirectoryAsTextAndJson() throws Exception {
    Path state = tmp.resolve("s");
    Files.createDirectories(state.resolve("recording/threads"));
    Files.write(state.resolve("recording/threads/1.det"), new byte[2048]);
    Path ckpt = Files.createDirectories(state.resolve("checkpoints/ckpt-0000000007"));
    Files.createFile(ckpt.resolve("inventory.img"));
    Files.createFile(ckpt.resolve("pstree.img"));
    CheckpointMetadataFile.write(
        ckpt,
        new CheckpointMetadata(
            2,
            7,
            Instant.parse("2026-11-21T10:00:00Z"),
            3 * 1024 * 1024,
            Duration.ofMillis(93),
            "criu",
            Map.of("stream.1.events", "4", "stream.1.position", "100", "stream.1.size", "2048")));

    assertEquals(0, FtjvmCli.run("status", state.toString()), err());
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Program: no app.pid"), text);
    assertTrue(
        text.matches(
            "(?s).*\\n\\s+7\\s+2\\s+2026-11-21T10:00:00Z\\s+3\\.0 MiB\\s+93 ms\\s+complete\\n.*"),
        text);
    assertTrue(text.contains("Log: 1 streams, 2.0 KiB in total, 2.0 KiB on disk"), text);

    out.reset();
    assertEquals(0, FtjvmCli.run("status", state.toString(), "--json"), err());
    String json = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        json.contains(
            "{\"sequence\": 7, \"incarnation\": 2, \"time\": \"2026-11-21T10:00:00Z\","
                + " \"imageBytes\": 3145728, \"pauseMillis\": 93, \"complete\": true,"
                + " \"problem\": null}"),
        json);
    assertTrue(
        json.contains(
            "\"log\": {\"totalBytes\": 2048, \"diskBytes\": 2048, \"streams\": {\"1\": 2048}}"),
        json);
  }
}
