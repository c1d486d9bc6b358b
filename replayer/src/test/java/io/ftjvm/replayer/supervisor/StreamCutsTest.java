package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.checkpoint.CheckpointMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamCutsTest {

  private static CheckpointMetadata meta(Map<String, String> cut) {
    return new CheckpointMetadata(0, 9, Instant.EPOCH, 0, Duration.ZERO, "criu", cut);
  }

  @Test
  void streamsComeInLogicalThreadOrderAndOtherKeysAreIgnored() {
    List<StreamCut> cut =
        StreamCuts.of(
            meta(
                Map.of(
                    "stream.1.10.events",
                    "1",
                    "stream.1.10.position",
                    "2",
                    "stream.1.10.size",
                    "3",
                    "stream.1.2.events",
                    "4",
                    "stream.1.2.position",
                    "5",
                    "stream.1.2.size",
                    "6",
                    "channel.7.ssn",
                    "8")));
    assertEquals(List.of(new StreamCut("1.2", 4, 5, 6), new StreamCut("1.10", 1, 2, 3)), cut);
    assertEquals("1.10.det", cut.get(1).fileName());
  }

  @Test
  void anIncompleteStreamIsRefusedNamingTheMissingKey() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamCuts.of(meta(Map.of("stream.3.events", "1", "stream.3.position", "2"))));
    assertTrue(e.getMessage().contains("'stream.3.size' is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("checkpoint 9"), e.getMessage());
  }

  @Test
  void anIdThatIsNotALogicalThreadIdIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamCuts.of(meta(Map.of("stream.../etc/passwd.size", "1"))));
    assertTrue(e.getMessage().contains("stream.../etc/passwd.size"), e.getMessage());
  }

  @Test
  void aValueThatIsNotANumberIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamCuts.of(meta(Map.of("stream.1.size", "lots"))));
    assertTrue(e.getMessage().contains("not a number: 'lots'"), e.getMessage());
  }
}
