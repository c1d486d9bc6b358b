package io.ftjvm.replayer.supervisor;

import static io.ftjvm.replayer.supervisor.StateFixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervision loop with scripted processes (sh -c ...) in place of the JVM and CRIU: which
 * outcome leads to which action.
 */
class SupervisorTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  /** An AppStarter whose processes are shell scripts, chosen per call. */
  private final class ScriptedStarter implements AppStarter {
    String launchScript = "exit 137";
    Function<PreparedRecovery, String> restoreScript = r -> "exit 0";
    Function<PreparedRecovery, String> refuseRestore = r -> null;
    Function<PreparedRecovery, List<String>> errors = r -> List.of();

    /** The restored JVM's pid; by default the script's own (the script stands for both). */
    Function<PreparedRecovery, Long> appPid = null;

    final List<PreparedRecovery> restores = new ArrayList<>();

    @Override
    public StartedApp launch() throws IOException {
      Process p = new ProcessBuilder("sh", "-c", launchScript).start();
      return new StartedApp(p, p.pid(), null);
    }

    @Override
    public StartedApp restore(PreparedRecovery r) throws IOException, RestoreFailedException {
      restores.add(r);
      String refusal = refuseRestore.apply(r);
      if (refusal != null) {
        throw new RestoreFailedException(
            "criu restore exited with status 1: " + refusal,
            RestoreFailure.classify(1, List.of(refusal)));
      }
      Process p = new ProcessBuilder("sh", "-c", restoreScript.apply(r)).start();
      return new StartedApp(p, appPid == null ? p.pid() : appPid.apply(r), r);
    }

    @Override
    public List<String> restoreErrors(PreparedRecovery r) {
      return errors.apply(r);
    }
  }

  private Supervisor supervisor(StateFixture f, ScriptedStarter starter, int maxRecoveries) {
    SupervisorLog log =
        new SupervisorLog(
            f.state.supervisorLog(),
            "ftjvm run:",
            new PrintStream(console, true, StandardCharsets.UTF_8),
            Clock.systemUTC());
    return new Supervisor(
        f.state,
        starter,
        new RecoveryPreparation(f.state),
        log,
        maxRecoveries,
        new ExitWatch(log, ProcessTable.system(), Duration.ofMillis(200)));
  }

  private String supervisorLog(StateFixture f) throws IOException {
    return Files.readString(f.state.supervisorLog(), StandardCharsets.UTF_8);
  }

  @Test
  void anApplicationThatEndsByItselfPassesItsExitStatusThrough() throws Exception {
    StateFixture f = new StateFixture(tmp);
    ScriptedStarter starter = new ScriptedStarter();
    starter.launchScript =
        "mkdir -p " + f.state.recording() + " && touch " + f.state.endFile() + "; exit 7";

    assertEquals(7, supervisor(f, starter, 5).run());

    assertTrue(supervisorLog(f).contains("ended by itself with exit status 7"), supervisorLog(f));
    assertTrue(console.toString(StandardCharsets.UTF_8).contains("ftjvm run: launched"));
    assertTrue(Files.readString(f.state.appPid()).strip().matches("\\d+"));
    assertTrue(starter.restores.isEmpty());
  }

  @Test
  void exitStatus86IsADivergenceAndNotRecovered() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    ScriptedStarter starter = new ScriptedStarter();
    starter.launchScript = "exit 86";

    assertEquals(86, supervisor(f, starter, 5).run());

    assertTrue(starter.restores.isEmpty());
    assertTrue(supervisorLog(f).contains(f.state.agentLog().toString()), supervisorLog(f));
  }

  @Test
  void aCrashBeforeTheFirstCheckpointGivesUp() throws Exception {
    StateFixture f = new StateFixture(tmp);
    ScriptedStarter starter = new ScriptedStarter();

    assertEquals(Supervisor.GAVE_UP, supervisor(f, starter, 5).run());

    assertTrue(supervisorLog(f).contains("died without finishing"), supervisorLog(f));
    assertTrue(supervisorLog(f).contains("nothing to recover"), supervisorLog(f));
  }

  @Test
  void aCrashRestoresTheNewestCheckpointAndARestoredEndReportsTheStatusFromEndBin()
      throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.recording();
    f.checkpoint(1, 0);
    f.checkpoint(2, 0);
    // What the restored application leaves when it ends with status 5: a real end.bin.
    Path finished = tmp.resolve("finished");
    RecordingWriter.create(finished, RunContext.builder().fromCurrentJvm().build()).finish(5);
    ScriptedStarter starter = new ScriptedStarter();
    starter.restoreScript =
        r ->
            "touch "
                + r.dir().resolve("live")
                + " && cp "
                + finished.resolve("context.bin")
                + " "
                + finished.resolve("end.bin")
                + " "
                + f.state.recording()
                + "; exit 0";

    assertEquals(5, supervisor(f, starter, 5).run());

    assertEquals(1, starter.restores.size());
    assertEquals(2, starter.restores.get(0).checkpoint().sequence());
    assertEquals(
        tmp.resolve("recovery/000001").toString(), Files.readString(f.state.currentRecovery()));
    assertTrue(supervisorLog(f).contains("recovery 1: restoring checkpoint 2"), supervisorLog(f));
  }

  @Test
  void aRestoreThatOutlivesItsJvmIsKilledAndTheCrashRecovered() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    // The first restore's JVM has ended (a pid that is gone) while "CRIU" stays, as CRIU's restore
    // does when a stray process is left in its pid namespace; the second one diverges, to end.
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    ScriptedStarter starter = new ScriptedStarter();
    starter.appPid = r -> starter.restores.size() == 1 ? ended.pid() : -1L;
    starter.restoreScript =
        r ->
            starter.restores.size() == 1
                ? "exec sleep 300"
                : "echo x > " + r.dir().resolve("diverged");

    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return supervisor(f, starter, 5).restore();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    assertEquals(86, run.get(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(2, starter.restores.size());
    String log = supervisorLog(f);
    assertTrue(
        log.contains(
            "the application (pid "
                + ended.pid()
                + ") has ended, but the restore that brought it back"),
        log);
    assertTrue(log.contains("killed it and what was left in its pid namespace"), log);
    assertTrue(log.contains("died without finishing"), log);
  }

  @Test
  void aDivergedFileFromTheRestoredAgentMeansGiveUpWith86() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    ScriptedStarter starter = new ScriptedStarter();
    // CRIU exits 0 whatever the restored process did; the agent leaves `diverged`.
    starter.restoreScript = r -> "echo report > " + r.dir().resolve("diverged") + "; exit 0";

    assertEquals(86, supervisor(f, starter, 5).run());

    assertEquals(1, starter.restores.size());
    assertTrue(supervisorLog(f).contains("diverged from its log during recovery 1"));
  }

  @Test
  void aCheckpointWithDamagedImagesIsSkippedWithTheReason() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    Path newest = f.checkpoint(2, 0, s("1", 2, 40, 40)).dir();
    Files.delete(newest.resolve("pstree.img"));
    ScriptedStarter starter = new ScriptedStarter();
    starter.restoreScript = r -> "echo x > " + r.dir().resolve("diverged");

    supervisor(f, starter, 5).run();

    assertEquals(1, starter.restores.get(0).checkpoint().sequence());
    assertTrue(
        supervisorLog(f).contains("checkpoint 2 skipped: images damaged: pstree.img is missing"),
        supervisorLog(f));
  }

  @Test
  void aCheckpointWithATruncatedImageIsSkippedNamingTheFile() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    Path newest = f.checkpoint(2, 0, s("1", 2, 40, 40)).dir();
    Files.write(newest.resolve("pages-1.img"), new byte[1000]);
    ScriptedStarter starter = new ScriptedStarter();
    starter.restoreScript = r -> "echo x > " + r.dir().resolve("diverged");

    supervisor(f, starter, 5).run();

    assertEquals(List.of(1L), sequences(starter));
    assertTrue(
        supervisorLog(f)
            .contains(
                "checkpoint 2 skipped: images damaged: "
                    + newest.resolve("pages-1.img")
                    + " is 1000 bytes long, but the dump wrote 4096 (truncated)"),
        supervisorLog(f));
  }

  @Test
  void aCheckpointWithDamagedMetadataIsSkippedWithTheReason() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    Path newest = f.checkpoint(2, 0, s("1", 2, 40, 40)).dir();
    byte[] meta = Files.readAllBytes(newest.resolve("checkpoint.meta"));
    meta[20] ^= 0x55;
    Files.write(newest.resolve("checkpoint.meta"), meta);
    ScriptedStarter starter = new ScriptedStarter();
    starter.restoreScript = r -> "echo x > " + r.dir().resolve("diverged");

    supervisor(f, starter, 5).run();

    assertEquals(1, starter.restores.get(0).checkpoint().sequence());
    assertTrue(supervisorLog(f).contains("checkpoint 2 skipped: metadata refused"));
  }

  /** Real lines of CRIU 4.2.1's restore log (docs/fault-tolerance.md, "Restore failures"). */
  static final String UNPACK_INVENTORY =
      "Error (criu/protobuf.c:101): Failed unpacking object 0x7ffd2166a890 from"
          + " /s/checkpoints/ckpt-0000000002/inventory.img";

  static final List<String> KILLED_WHILE_RESTORING =
      List.of(
          "Error (criu/cr-restore.c:1269): 12411 killed by signal 9: Killed",
          "Error (criu/cr-restore.c:2331): Restoring FAILED.");

  @Test
  void aDamagedImageFallsBackToTheOlderCheckpointWithTheSavedLogAndMarksIt() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    Path newest = f.checkpoint(2, 0, s("1", 2, 40, 40)).dir();
    ScriptedStarter starter = new ScriptedStarter();
    starter.refuseRestore = r -> r.checkpoint().sequence() == 2 ? UNPACK_INVENTORY : null;
    starter.restoreScript = r -> "echo x > " + r.dir().resolve("diverged");

    supervisor(f, starter, 5).run();

    assertEquals(List.of(2L, 1L), sequences(starter));
    PreparedRecovery second = starter.restores.get(1);
    assertEquals(tmp.resolve("recovery/000001/threads"), second.logSource());
    assertTrue(Files.readString(tmp.resolve("recovery/000001/failed")).contains("inventory.img"));
    assertTrue(
        supervisorLog(f)
            .contains(
                "checkpoint 2 is damaged, falling back to an older one: the image"
                    + " /s/checkpoints/ckpt-0000000002/inventory.img is damaged"),
        supervisorLog(f));
    // Marked: a later recovery (or ftjvm status) skips it with the reason, without a restore.
    CheckpointCandidate marked = CheckpointCandidate.examine(newest, 2);
    assertFalse(marked.usable());
    assertTrue(marked.problem().contains("inventory.img"), marked.problem());
  }

  @Test
  void aRestoreKilledWhileCriuWasAtWorkIsRetriedOnTheSameCheckpoint() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    f.checkpoint(2, 0, s("1", 2, 40, 40));
    ScriptedStarter starter = new ScriptedStarter();
    // Twice, the JVM is killed before CRIU is done (CRIU exits 1); then the restore works.
    starter.errors = r -> r.number() <= 2 ? KILLED_WHILE_RESTORING : List.of();
    starter.restoreScript =
        r -> r.number() <= 2 ? "exit 1" : "echo x > " + r.dir().resolve("diverged");

    assertEquals(Supervisor.DIVERGED, supervisor(f, starter, 5).run());

    assertEquals(List.of(2L, 2L, 2L), sequences(starter));
    assertTrue(
        supervisorLog(f)
            .contains(
                "checkpoint 2 is tried again: a task CRIU was restoring was killed by signal 9"),
        supervisorLog(f));
    assertFalse(supervisorLog(f).contains("falling back"), supervisorLog(f));
  }

  @Test
  void aRestoreInterruptedBeforeTheJvmAppearedIsRetriedToo() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    f.checkpoint(2, 0, s("1", 2, 40, 40));
    ScriptedStarter starter = new ScriptedStarter();
    starter.refuseRestore = r -> r.number() == 1 ? KILLED_WHILE_RESTORING.get(0) : null;
    starter.restoreScript = r -> "echo x > " + r.dir().resolve("diverged");

    supervisor(f, starter, 5).run();

    assertEquals(List.of(2L, 2L), sequences(starter));
  }

  @Test
  void anotherFailureIsRetriedTwiceThenTheOlderCheckpointIsUsed() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    f.checkpoint(2, 0, s("1", 2, 40, 40));
    ScriptedStarter starter = new ScriptedStarter();
    // The ghost-file failure seen after a restore had been killed: CRIU kills its own tasks
    // after the cause, so the kill line is not the first error and does not count as the cause.
    starter.errors =
        r ->
            List.of(
                "12411: Error (criu/files-reg.c:467): Can't create ghost regfile: File exists",
                "Error (criu/cr-restore.c:2331): Restoring FAILED.",
                "Error (criu/cr-restore.c:1269): 12411 killed by signal 9: Killed");
    starter.restoreScript =
        r -> r.checkpoint().sequence() == 2 ? "exit 1" : "echo x > " + r.dir().resolve("diverged");

    supervisor(f, starter, 10).run();

    assertEquals(List.of(2L, 2L, 2L, 1L), sequences(starter));
    assertTrue(supervisorLog(f).contains("(retry 2 of 2)"), supervisorLog(f));
    assertTrue(
        supervisorLog(f).contains("checkpoint 2 failed 3 times, falling back"), supervisorLog(f));
    // Its images are fine, but once the log is rolled back to checkpoint 1's cut, checkpoint 2
    // belongs to a timeline the application no longer follows: restoring it later would pair its
    // memory with a log that went another way. It is marked superseded.
    CheckpointCandidate two =
        CheckpointCandidate.examine(tmp.resolve("checkpoints/ckpt-0000000002"), 2);
    assertFalse(two.usable());
    assertTrue(
        two.problem()
            .contains("superseded: recovery 4 rolled the log back to the older checkpoint 1"),
        two.problem());
    assertTrue(supervisorLog(f).contains("checkpoint 2 superseded"), supervisorLog(f));
  }

  @Test
  void aDamagedLogIsRefusedPlainlyWithoutTryingOlderCheckpoints() throws Exception {
    StateFixture f = new StateFixture(tmp);
    Path stream = f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    f.checkpoint(2, 0, s("1", 2, 40, 40));
    byte[] b = Files.readAllBytes(stream);
    b[StateFixture.streamStart("1") + 9 + 20] = 0x3f; // a record tag with an unknown type code
    Files.write(stream, b);
    ScriptedStarter starter = new ScriptedStarter();

    assertEquals(Supervisor.GAVE_UP, supervisor(f, starter, 5).run());

    assertTrue(starter.restores.isEmpty());
    String log = supervisorLog(f);
    assertTrue(log.contains("the log to replay is damaged"), log);
    assertTrue(log.contains("1.det at offset 50: unknown event type code 63"), log);
    assertFalse(log.contains("checkpoint 1"), log);
  }

  private static List<Long> sequences(ScriptedStarter starter) {
    return starter.restores.stream().map(r -> r.checkpoint().sequence()).toList();
  }

  @Test
  void recoveriesThatNeverGoLiveStopAtTheLimit() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    ScriptedStarter starter = new ScriptedStarter();
    starter.restoreScript = r -> "exit 0"; // dies during its replay, every time

    assertEquals(Supervisor.GAVE_UP, supervisor(f, starter, 3).run());

    assertEquals(3, starter.restores.size());
    assertTrue(
        supervisorLog(f).contains("3 recoveries in a row without the application going live"));
  }

  @Test
  void recoveriesThatGoLiveDoNotCountTowardsTheLimit() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    ScriptedStarter starter = new ScriptedStarter();
    // Goes live and crashes again four times, then diverges.
    starter.restoreScript =
        r ->
            r.number() < 5
                ? "touch " + r.dir().resolve("live") + "; exit 0"
                : "echo x > " + r.dir().resolve("diverged");

    assertEquals(86, supervisor(f, starter, 2).run());
    assertEquals(5, starter.restores.size());
  }

  @Test
  void stopKillsTheApplicationAndReturns143WithoutRecovery() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    ScriptedStarter starter = new ScriptedStarter();
    starter.launchScript = "exec sleep 600";
    Supervisor supervisor = supervisor(f, starter, 5);

    CompletableFuture<Integer> result =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return supervisor.run();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    while (!Files.exists(f.state.appPid())) {
      Thread.sleep(10);
    }
    long pid = Long.parseLong(Files.readString(f.state.appPid()).strip());
    assertTrue(supervisor.stop());

    assertEquals(Supervisor.TERMINATED, result.get());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertTrue(starter.restores.isEmpty());
    assertFalse(supervisor.stop(), "a second stop after the end does nothing");
  }

  @Test
  void restoreByHandRecoversAtOnce() throws Exception {
    StateFixture f = new StateFixture(tmp);
    f.stream("1", 100);
    f.checkpoint(1, 0, s("1", 1, 30, 30));
    ScriptedStarter starter = new ScriptedStarter();
    starter.launchScript = "echo launched > " + tmp.resolve("launched");
    starter.restoreScript = r -> "echo x > " + r.dir().resolve("diverged");

    assertEquals(86, supervisor(f, starter, 5).restore());

    assertEquals(1, starter.restores.size());
    assertFalse(Files.exists(tmp.resolve("launched")));
  }
}
