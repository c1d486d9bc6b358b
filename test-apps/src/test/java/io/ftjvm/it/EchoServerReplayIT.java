package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TCP server recorded under load replays alone, with no client present: the same stdout, and
 * every byte it writes compared with the recording (a difference would end the replay with 86).
 * With concurrent connections, each served by its own thread (or all by one selector thread), the
 * order of the lines the threads print is the recorded one, even with scheduling noise.
 */
class EchoServerReplayIT {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.ftjvm.testapps.echo.RequestResponseServer",
        "io.ftjvm.testapps.echo.NioRequestResponseServer"
      })
  void oneConnectionReplaysToTheSameStdoutWithoutAClient(String server) throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded = recordServer(server, recording, 1);
    assertTrue(recorded.stdout().contains("served 50 requests"), recorded.stdout());
    NoisyReplays.replayAll(work, recording, recorded, 10);
  }

  @Test
  void selectorServerWithConcurrentConnectionsReplaysToTheSameStdout() throws Exception {
    // One thread serves every connection through a Selector: which connection is served first
    // depends on timing, so the whole stdout (and every byte written) must match the recording.
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        recordServer("io.ftjvm.testapps.echo.SelectorRequestResponseServer", recording, 3);
    assertTrue(recorded.stdout().contains("exiting after 3 connections"), recorded.stdout());
    NoisyReplays.replayAll(work, recording, recorded, 10);
    String events = Ftjvm.eventsOfType(work, recording, "SELECT");
    assertTrue(events.contains("SELECT"), events);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.ftjvm.testapps.echo.RequestResponseServer",
        "io.ftjvm.testapps.echo.NioRequestResponseServer"
      })
  void concurrentConnectionsReplayWithoutAClient(String server) throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded = recordServer(server, recording, 4);
    NoisyReplays.replayAll(work, recording, recorded, 10);

    String summary =
        Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
    assertTrue(summary.contains("accepted"), summary);
    assertTrue(summary.contains("SOCKET_READ"), summary);
    assertTrue(summary.contains("SOCKET_WRITE"), summary);
  }

  private Ftjvm.Result recordServer(String server, Path recording, int connections)
      throws Exception {
    try (Ftjvm.Background running =
        Ftjvm.recordInBackground(
            work,
            recording,
            Ftjvm.java(server, "--port", "0", "--max-connections", String.valueOf(connections)))) {
      int port = running.awaitPort();
      Ftjvm.run(
              work,
              Map.of(),
              Ftjvm.java(
                  "io.ftjvm.testapps.echo.LoadClient",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(port),
                  "--connections",
                  String.valueOf(connections),
                  "--requests",
                  "50",
                  "--size",
                  "100"))
          .expectStatus(0);
      return running.awaitExit().expectStatus(0);
    }
  }
}
