package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed program, or a damaged recording, is reported, never replayed silently. */
class DivergenceIT {
  static final int DIVERGED = 86;

  @TempDir Path work;
  Path recording;
  String recordedOut;

  @BeforeEach
  void recordAGreeting() throws Exception {
    recording = work.resolve("rec");
    recordedOut =
        Ftjvm.recordClientOfEchoServer(work, recording, "io.ftjvm.testapps.net.GreetingClient")
            .stdout();
    assertTrue(recordedOut.contains("sent: hello, world"), recordedOut);
  }

  @Test
  void unchangedProgramReplays() throws Exception {
    Ftjvm.Result replayed =
        Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
    assertEquals(recordedOut, replayed.stdout());
  }

  @Test
  void changedProgramStopsWithAReportAndTheDivergenceStatus() throws Exception {
    // The same program, told to greet someone else: what it writes to the socket differs.
    Ftjvm.Result replayed =
        Ftjvm.ftjvm(
                work,
                Map.of("JAVA_TOOL_OPTIONS", "-Dgreeting.name=mars"),
                "replay",
                recording.toString())
            .expectStatus(DIVERGED);
    String report = replayed.stderr();
    assertTrue(report.contains("REPLAY DIVERGED"), report);
    assertTrue(report.contains("logical thread : 1"), report);
    assertTrue(report.contains("event index"), report);
    assertTrue(
        report.contains("\\x00\\x00\\x00\\x0chello, world"), "expected bytes shown: " + report);
    assertTrue(report.contains("\\x00\\x00\\x00\\x0bhello, mars"), "actual bytes shown: " + report);
    assertTrue(report.contains("GreetingClient.main"), "application stack shown: " + report);
  }

  @Test
  void repeatedReplaysEachPrintTheRecordedOutputAndStopAtTheFirstThatDiverges() throws Exception {
    Ftjvm.Result twice =
        Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString(), "--repeat", "2")
            .expectStatus(0);
    assertEquals(recordedOut.repeat(2), twice.stdout());

    Ftjvm.Result diverged =
        Ftjvm.ftjvm(
                work,
                Map.of("JAVA_TOOL_OPTIONS", "-Dgreeting.name=mars"),
                "replay",
                recording.toString(),
                "--repeat",
                "3")
            .expectStatus(DIVERGED);
    String report = diverged.stderr();
    assertEquals(1, report.split("REPLAY DIVERGED", -1).length - 1, report);
    assertTrue(report.contains("replay 1 of 3 did not match; stopped there"), report);

    Ftjvm.Result none =
        Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString(), "--repeat", "0")
            .expectStatus(2);
    assertTrue(
        none.stderr().contains("--repeat takes a number of replays, at least 1"), none.stderr());
  }

  @Test
  void damagedRecordingIsRefusedNamingFileAndOffset() throws Exception {
    Path stream;
    try (Stream<Path> files = Files.list(recording.resolve("threads"))) {
      stream =
          files.filter(p -> p.getFileName().toString().endsWith(".det")).findFirst().orElseThrow();
    }
    long size = Files.size(stream);
    try (RandomAccessFile file = new RandomAccessFile(stream.toFile(), "rw")) {
      long at = size - 3;
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x5a);
    }
    Ftjvm.Result replayed =
        Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(2);
    assertTrue(replayed.stderr().contains(stream.getFileName().toString()), replayed.stderr());
    assertTrue(replayed.stderr().contains("offset"), replayed.stderr());
    Ftjvm.Result inspected =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(2);
    assertTrue(inspected.stderr().contains("offset"), inspected.stderr());
  }

  @Test
  void truncatedContextIsRefused() throws Exception {
    Path context = recording.resolve("context.bin");
    try (RandomAccessFile file = new RandomAccessFile(context.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    Ftjvm.Result replayed =
        Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(2);
    assertTrue(replayed.stderr().contains("context.bin"), replayed.stderr());
  }
}
