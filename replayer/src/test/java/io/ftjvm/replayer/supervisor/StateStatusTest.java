package io.ftjvm.replayer.supervisor;

import static io.ftjvm.replayer.supervisor.StateFixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStatusTest {

  @TempDir Path tmp;

  /** Two complete checkpoints, one without metadata, three streams, two recoveries. */
  static StateFixture handMade(Path root) throws Exception {
    StateFixture f = new StateFixture(root);
    Files.writeString(f.state.runProperties(), "state=" + root + "\n");
    f.stream("1", 300);
    f.stream("1.2", 20);
    f.stream("1.10", 5);
    f.checkpoint(1, 0, s("1", 1, 10, 10));
    f.checkpoint(2, 1, s("1", 2, 20, 20));
    Files.createDirectories(f.state.checkpoints().resolve("ckpt-0000000003"));
    Path r1 = Files.createDirectories(f.state.recoveries().resolve("000001"));
    Files.writeString(r1.resolve("recovery.properties"), "checkpoint.sequence=1\n");
    Files.createFile(r1.resolve("live"));
    Path r2 = Files.createDirectories(f.state.recoveries().resolve("000002"));
    Files.writeString(r2.resolve("recovery.properties"), "checkpoint.sequence=2\n");
    Files.writeString(r2.resolve("failed"), "CRIU said no\n");
    Files.writeString(f.state.appPid(), ProcessHandle.current().pid() + "\n");
    return f;
  }

  @Test
  void reportsCheckpointsStreamsRecoveriesAndTheProcess() throws Exception {
    StateFixture f = handMade(tmp);

    StateStatus s = StateStatus.of(f.state, Path.of("/proc"));

    List<CheckpointCandidate> c = s.checkpointsOldestFirst();
    assertEquals(List.of(1L, 2L, 3L), c.stream().map(CheckpointCandidate::sequence).toList());
    assertTrue(c.get(1).usable());
    assertEquals(1, c.get(1).checkpoint().metadata().incarnation());
    assertFalse(c.get(2).usable());
    assertTrue(c.get(2).problem().startsWith("incomplete: no checkpoint.meta"), c.get(2).problem());
    assertEquals(List.of("1", "1.2", "1.10"), List.copyOf(s.streamBytes().keySet()));
    assertEquals(Map.of("1", 300L, "1.2", 20L, "1.10", 5L), s.streamBytes());
    assertEquals(325, s.totalLogBytes());
    assertEquals(2, s.recoveries().size());
    assertTrue(s.recoveries().get(0).live());
    assertEquals(1, s.recoveries().get(0).checkpoint());
    assertNull(s.recoveries().get(0).failed());
    assertFalse(s.recoveries().get(1).live());
    assertEquals("CRIU said no", s.recoveries().get(1).failed());
    assertEquals(ProcessHandle.current().pid(), s.appPid());
    assertTrue(s.appAlive());
    assertFalse(s.appRunsThisState(), "this test JVM runs no agent");
    assertFalse(s.endedByItself());
  }

  @Test
  void aDirectoryThatIsNoStateDirectoryIsRefused() throws Exception {
    Refusal e =
        assertThrows(Refusal.class, () -> StateStatus.of(StateDir.of(tmp), Path.of("/proc")));
    assertTrue(e.getMessage().contains("is not an ftjvm state directory"), e.getMessage());
  }
}
