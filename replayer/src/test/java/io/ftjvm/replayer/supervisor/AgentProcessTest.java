package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentProcessTest {

  @TempDir Path proc;

  private void fakeProcess(long pid, String... argv) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.write(
        dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theStateComesFromTheFtAgentOption() throws Exception {
    fakeProcess(
        42,
        "/usr/bin/java",
        "-XX:-UsePerfData",
        "-javaagent:/opt/ftjvm agent.jar=mode=ft,state=/tmp/kv state,checkpointIntervalSeconds=5",
        "-cp",
        "app.jar",
        "Main",
        "-javaagent:x.jar=mode=ft,state=/not/this");

    assertEquals(Path.of("/tmp/kv state"), AgentProcess.stateOf(42, proc).root());
  }

  @Test
  void aProcessThatDoesNotExistIsRefused() {
    Refusal e = assertThrows(Refusal.class, () -> AgentProcess.stateOf(4242, proc));
    assertTrue(e.getMessage().contains("there is no process 4242"), e.getMessage());
  }

  @Test
  void aProcessWithoutTheAgentIsRefused() throws Exception {
    fakeProcess(7, "java", "-cp", "app.jar", "Main");
    Refusal e = assertThrows(Refusal.class, () -> AgentProcess.stateOf(7, proc));
    assertTrue(e.getMessage().contains("does not run the FT-JVM agent in ft mode"), e.getMessage());
  }

  @Test
  void aProcessRecordingInsteadOfFtIsRefusedNamingItsMode() throws Exception {
    fakeProcess(8, "java", "-javaagent:/a.jar=mode=record,dir=/r", "Main");
    Refusal e = assertThrows(Refusal.class, () -> AgentProcess.stateOf(8, proc));
    assertTrue(e.getMessage().contains("mode=record"), e.getMessage());
  }

  @Test
  void thisTestJvmIsNotAnFtProcess() {
    Refusal e =
        assertThrows(
            Refusal.class,
            () -> AgentProcess.stateOf(ProcessHandle.current().pid(), Path.of("/proc")));
    assertTrue(e.getMessage().contains("does not run the FT-JVM agent"), e.getMessage());
  }

  @Test
  void cmdlineIsSplitAtNulBytes() {
    assertEquals(
        List.of("java", "", "a b"),
        AgentProcess.split("java\0\0a b\0".getBytes(StandardCharsets.UTF_8)));
  }
}
