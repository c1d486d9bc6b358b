package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's connects (one refused, one made) and its conversation replay with no server at all.
 */
class ClientReplayIT {
  @TempDir Path work;

  @Test
  void clientRecordingReplaysWithoutTheServer() throws Exception {
    Path recording = work.resolve("rec");
    Ftjvm.Result recorded =
        Ftjvm.recordClientOfEchoServer(work, recording, "io.ftjvm.testapps.net.ConnectProbe");
    assertTrue(recorded.stdout().contains("refused: java.net.ConnectException"), recorded.stdout());
    assertTrue(recorded.stdout().contains("response 3"), recorded.stdout());

    for (int i = 0; i < 10; i++) {
      Ftjvm.Result replayed =
          Ftjvm.ftjvm(work, Map.of(), "replay", recording.toString()).expectStatus(0);
      assertEquals(recorded.stdout(), replayed.stdout(), "replay " + i + " printed something else");
    }
  }
}
