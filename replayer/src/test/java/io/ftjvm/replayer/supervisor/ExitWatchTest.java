package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.checkpoint.ProcStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the JVM has ended but what the supervisor waits on has not: a real process waited on, and a
 * scripted process table for the JVM and whatever traces it (a CRIU dump that hung when the JVM
 * died under it cannot be made to happen on demand).
 */
class ExitWatchTest {

  private static final long JVM = 4242;
  private static final long TRACER = 777;
  private static final Duration LINGER = Duration.ofMillis(100);

  @TempDir Path tmp;

  private final List<Process> started = new CopyOnWriteArrayList<>();

  /** Pids to statuses and command lines; kill() runs what a kill would cause. */
  private static final class ScriptedTable implements ProcessTable {
    final Map<Long, ProcStatus> statuses = new ConcurrentHashMap<>();
    final Map<Long, String> commands = new ConcurrentHashMap<>();
    final Map<Long, Runnable> onKill = new ConcurrentHashMap<>();
    final List<Long> killed = new CopyOnWriteArrayList<>();

    /** The JVM in state {@code jvmState}, traced by a process whose command line is given. */
    static ScriptedTable jvmTracedBy(char jvmState, String tracerCommand) {
      ScriptedTable table = new ScriptedTable();
      table.statuses.put(JVM, new ProcStatus(jvmState, TRACER));
      table.commands.put(TRACER, tracerCommand);
      return table;
    }

    @Override
    public Optional<ProcStatus> status(long pid) {
      return Optional.ofNullable(statuses.get(pid));
    }

    @Override
    public Optional<String> commandLine(long pid) {
      return Optional.ofNullable(commands.get(pid));
    }

    @Override
    public void kill(long pid) {
      killed.add(pid);
      onKill.getOrDefault(pid, () -> {}).run();
    }
  }

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  private Process sleeping(String seconds) throws Exception {
    Process p = new ProcessBuilder("sleep", seconds).start();
    started.add(p);
    return p;
  }

  private SupervisorLog log() {
    return new SupervisorLog(
        tmp.resolve("supervisor.log"),
        "ftjvm run:",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        Clock.systemUTC());
  }

  private String logText() throws Exception {
    Path file = tmp.resolve("supervisor.log");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void aCriuDumpThatStillHoldsTheDeadJvmIsKilledSoItsEndIsSeen() throws Exception {
    Process jvmSeenThroughItsParent = sleeping("300");
    ScriptedTable table =
        ScriptedTable.jvmTracedBy(
            'Z',
            "/opt/criu/ld-linux-x86-64.so.2 --library-path /opt/criu/lib criu: dump --rpc -t 9");
    // Once CRIU is gone the zombie is released to its parent, which reaps it.
    table.onKill.put(
        TRACER,
        () -> {
          table.statuses.remove(JVM);
          jvmSeenThroughItsParent.destroyForcibly();
        });

    int status =
        new ExitWatch(log(), table, LINGER)
            .await(new StartedApp(jvmSeenThroughItsParent, JVM, null));

    assertEquals(137, status);
    assertEquals(List.of(TRACER), table.killed);
    assertTrue(
        logText()
            .contains(
                "the application (pid 4242) died while CRIU was checkpointing it, and that CRIU"
                    + " (pid 777: /opt/criu/ld-linux"),
        logText());
    assertTrue(logText().contains("killed CRIU"), logText());
  }

  @Test
  void aJvmThatRunsIsWaitedForWhateverTracesIt() throws Exception {
    Process waitedOn = sleeping("1");
    ScriptedTable table = ScriptedTable.jvmTracedBy('S', "criu: dump --rpc -t 9");

    int status = new ExitWatch(log(), table, LINGER).await(new StartedApp(waitedOn, JVM, null));

    assertEquals(0, status);
    assertEquals(List.of(), table.killed);
    assertEquals("", logText());
  }

  @Test
  void aTracerThatIsNotCriuIsLeftAloneAndSaidSo() throws Exception {
    Process waitedOn = sleeping("300");
    ScriptedTable table = ScriptedTable.jvmTracedBy('Z', "gdb -p 4242");
    ExitWatch watch = new ExitWatch(log(), table, LINGER);

    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return watch.await(new StartedApp(waitedOn, JVM, null));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!logText().contains("not CRIU") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertTrue(logText().contains("pid 777 (gdb -p 4242), which traces it"), logText());
    assertFalse(waiting.isDone(), "still waiting for the debugger to let go");
    assertEquals(List.of(), table.killed);
    waitedOn.destroyForcibly();
    assertEquals(137, waiting.get(60, TimeUnit.SECONDS));
  }

  @Test
  void criuIsKnownByItsNameAndWhatItDoes() {
    assertTrue(ExitWatch.isCriu("criu: dump --rpc -t 24120"));
    assertTrue(ExitWatch.isCriu("/work/.ftjvm/criu/bin/criu swrk 3"));
    assertFalse(ExitWatch.isCriu("/work/.ftjvm/criu/bin/criu restore -D /x"));
    assertFalse(ExitWatch.isCriu("gdb -p 1"));
  }
}
