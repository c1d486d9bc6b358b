package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TCP server recorded under load replays alone, with no client present: the same stdout, and
 * every byte it writes compared with the recording (a difference would end the replay with 86).
 */
class EchoServerReplayIT {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"io.ftjvm.testapps.echo.RequestResponseServer", "io.ftjvm.testapps.echo.NioRequestResponseServer"})
  void serverRecordingReplaysWithoutAnyClient(String server) throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded;
    try (Ftjvm.Background running =
        Ftjvm.recordInBackground(work, recording, Ftjvm.java(server, "--port", "0", "--max-connections", "2"))) {
      int port = running.awaitPort();
      Ftjvm.run(
              work,
              Map.of(),
              Ftjvm.java("io.ftjvm.testapps.echo.LoadClient", "--host", "127.0.0.1", "--port", String.valueOf(port),
                  "--connections", "2", "--requests", "50", "--size", "100"))
          .expectStatus(0);
      recorded = running.awaitExit().expectStatus(0);
    }
    assertTrue(recorded.stdout().contains("served 50 requests"), recorded.stdout());

    for (int i = 0; i < 10; i++) {
      Ftjvm.Result replayed = Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
      assertEquals(recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
    }

    String summary = Ftjvm.ftjvm(work, Map.of(), "inspect", recording.toString()).expectStatus(0).stdout();
    assertTrue(summary.contains("accepted"), summary);
    assertTrue(summary.contains("SOCKET_READ"), summary);
    assertTrue(summary.contains("SOCKET_WRITE"), summary);
  }
}
