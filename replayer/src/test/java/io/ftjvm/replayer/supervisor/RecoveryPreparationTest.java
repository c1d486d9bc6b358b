package io.ftjvm.replayer.supervisor;

import static io.ftjvm.replayer.supervisor.StateFixture.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.checkpoint.StoredCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryPreparationTest {

  @TempDir Path tmp;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void savesTheLogRollsBackToTheCutAndPointsCurrentAtTheRecovery() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    f.stream("1.2", 200);
    f.stream("1.3", 50); // born after the checkpoint
    StoredCheckpoint c = f.checkpoint(4, 0, s("1", 10, 100, 160), s("1.2", 5, 40, 40));

    PreparedRecovery r = new RecoveryPreparation(f.state, clock).prepare(c);

    assertEquals(1, r.number());
    assertEquals(tmp.resolve("recovery/000001"), r.dir());
    // The saved log is the log as the crash left it.
    assertArrayEquals(
        StateFixture.streamBytes("1", 300, 0),
        Files.readAllBytes(r.savedThreads().resolve("1.det")));
    assertArrayEquals(
        StateFixture.streamBytes("1.2", 200, 0),
        Files.readAllBytes(r.savedThreads().resolve("1.2.det")));
    assertArrayEquals(
        StateFixture.streamBytes("1.3", 50, 0),
        Files.readAllBytes(r.savedThreads().resolve("1.3.det")));
    // recording/threads is the cut: prefix, zeros up to size; unknown streams gone.
    byte[] one = Files.readAllBytes(f.state.threads().resolve("1.det"));
    assertEquals(160, one.length);
    assertArrayEquals(
        Arrays.copyOf(StateFixture.streamBytes("1", 300, 0), 100), Arrays.copyOf(one, 100));
    assertArrayEquals(new byte[60], Arrays.copyOfRange(one, 100, 160));
    assertArrayEquals(
        Arrays.copyOf(StateFixture.streamBytes("1.2", 200, 0), 40),
        Files.readAllBytes(f.state.threads().resolve("1.2.det")));
    assertFalse(Files.exists(f.state.threads().resolve("1.3.det")));
    assertEquals(
        r.dir().toString(), Files.readString(f.state.currentRecovery(), StandardCharsets.UTF_8));

    Map<String, String> props = PropertiesText.read(r.dir().resolve("recovery.properties"));
    assertEquals("1", props.get("recovery"));
    assertEquals("1", props.get("incarnation"));
    assertEquals("4", props.get("checkpoint.sequence"));
    assertEquals(c.dir().toString(), props.get("checkpoint.dir"));
    assertEquals(f.state.threads().toString(), props.get("log.source"));
    assertEquals("2026-11-21T12:00:00Z", props.get("time"));
  }

  @Test
  void aSizeBeyondTheFileExtendsItWithZeros() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 30);
    StoredCheckpoint c = f.checkpoint(1, 0, s("1", 3, 20, 4096));

    new RecoveryPreparation(f.state, clock).prepare(c);

    byte[] one = Files.readAllBytes(f.state.threads().resolve("1.det"));
    assertEquals(4096, one.length);
    assertArrayEquals(
        Arrays.copyOf(StateFixture.streamBytes("1", 30, 0), 20), Arrays.copyOf(one, 20));
    assertArrayEquals(new byte[4076], Arrays.copyOfRange(one, 20, 4096));
  }

  @Test
  void aPreviousRecoveryThatNeverWentLiveIsTheSourceOfTheNextOne() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    StoredCheckpoint c = f.checkpoint(2, 0, s("1", 10, 100, 100));
    RecoveryPreparation prep = new RecoveryPreparation(f.state, clock);
    PreparedRecovery first = prep.prepare(c);
    // The restored process died during its replay: it had rewritten the log only up to byte 150.
    Files.write(f.state.threads().resolve("1.det"), StateFixture.streamBytes("1", 150, 0));

    PreparedRecovery second = prep.prepare(c);

    assertEquals(2, second.number());
    assertEquals(first.savedThreads(), second.logSource());
    assertArrayEquals(
        StateFixture.streamBytes("1", 300, 0),
        Files.readAllBytes(second.savedThreads().resolve("1.det")));
    assertEquals(
        second.dir().toString(),
        Files.readString(f.state.currentRecovery(), StandardCharsets.UTF_8));
  }

  @Test
  void aPreviousRecoveryThatWentLiveIsNotTheSource() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    StoredCheckpoint c = f.checkpoint(2, 0, s("1", 10, 100, 100));
    RecoveryPreparation prep = new RecoveryPreparation(f.state, clock);
    PreparedRecovery first = prep.prepare(c);
    Files.createFile(first.dir().resolve("live"));
    // After going live the application logged more, then crashed again.
    f.stream("1", 400, 7);

    PreparedRecovery second = prep.prepare(c);

    assertEquals(f.state.threads(), second.logSource());
    assertArrayEquals(
        StateFixture.streamBytes("1", 400, 7),
        Files.readAllBytes(second.savedThreads().resolve("1.det")));
    // The rolled-back prefix comes from the newer log.
    assertArrayEquals(
        Arrays.copyOf(StateFixture.streamBytes("1", 400, 7), 100),
        Files.readAllBytes(f.state.threads().resolve("1.det")));
  }

  @Test
  void aStreamShorterThanItsPositionIsRefusedWithoutTouchingTheLog() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    f.stream("2", 10);
    StoredCheckpoint c = f.checkpoint(3, 0, s("1", 10, 100, 100), s("2", 4, 64, 64));

    RollbackRefusedException e =
        assertThrows(
            RollbackRefusedException.class,
            () -> new RecoveryPreparation(f.state, clock).prepare(c));

    assertTrue(e.getMessage().contains("recovery/000001/threads/2.det"), e.getMessage());
    assertTrue(e.getMessage().contains("is 10 bytes long"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 64"), e.getMessage());
    assertArrayEquals(
        StateFixture.streamBytes("1", 300, 0),
        Files.readAllBytes(f.state.threads().resolve("1.det")));
    assertTrue(Files.exists(tmp.resolve("recovery/000001/failed")));
    assertFalse(Files.exists(f.state.currentRecovery()));
  }

  @Test
  void aMissingStreamIsRefusedAndTheOlderCheckpointUsesTheSavedLog() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    StoredCheckpoint older = f.checkpoint(1, 0, s("1", 2, 20, 20));
    StoredCheckpoint newer = f.checkpoint(2, 0, s("1", 10, 100, 100), s("1.4", 1, 8, 8));
    RecoveryPreparation prep = new RecoveryPreparation(f.state, clock);

    RollbackRefusedException e =
        assertThrows(RollbackRefusedException.class, () -> prep.prepare(newer));
    assertTrue(e.getMessage().contains("1.4.det is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("first 8 bytes"), e.getMessage());

    PreparedRecovery r = prep.prepare(older);
    assertEquals(2, r.number());
    assertEquals(tmp.resolve("recovery/000001/threads"), r.logSource());
    assertArrayEquals(
        Arrays.copyOf(StateFixture.streamBytes("1", 300, 0), 20),
        Files.readAllBytes(f.state.threads().resolve("1.det")));
  }

  @Test
  void aDamagedSavedLogIsRefusedNamingFileAndOffsetWithoutTouchingTheLog() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    Path two = f.stream("2", 100);
    StoredCheckpoint c = f.checkpoint(3, 0, s("1", 10, 60, 60), s("2", 4, 40, 40));
    byte[] b = Files.readAllBytes(two);
    b[6] = 9; // the file kind in the header: the header CRC no longer matches
    Files.write(two, b);

    LogDamagedException e =
        assertThrows(
            LogDamagedException.class, () -> new RecoveryPreparation(f.state, clock).prepare(c));

    assertTrue(
        e.getMessage()
            .contains("recovery/000001/threads/2.det at offset 17: header checksum mismatch"),
        e.getMessage());
    assertTrue(Files.readString(tmp.resolve("recovery/000001/failed")).contains("2.det"));
    assertArrayEquals(
        StateFixture.streamBytes("1", 300, 0),
        Files.readAllBytes(f.state.threads().resolve("1.det")));
    assertFalse(Files.exists(f.state.currentRecovery()));
  }

  @Test
  void aMalformedCutIsRefusedBeforeAnythingIsWritten() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 300);
    StoredCheckpoint c = f.checkpoint(1, 0, s("1", 2, 50, 20)); // position beyond size

    RollbackRefusedException e =
        assertThrows(
            RollbackRefusedException.class,
            () -> new RecoveryPreparation(f.state, clock).prepare(c));

    assertTrue(e.getMessage().contains("stream.1.position"), e.getMessage());
    assertFalse(Files.exists(f.state.recoveries()));
  }

  @Test
  void numbersContinueAfterTheHighestExistingRecovery() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 30);
    Files.createDirectories(tmp.resolve("recovery/000041"));
    Files.createFile(tmp.resolve("recovery/000041/live"));
    StoredCheckpoint c = f.checkpoint(1, 0, s("1", 2, 20, 20));

    PreparedRecovery r = new RecoveryPreparation(f.state, clock).prepare(c);

    assertEquals(42, r.number());
    assertEquals(tmp.resolve("recovery/000042"), r.dir());
  }
}
