package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantRegistryTest {

  /** Records every call into a shared journal; can be told to fail. */
  static final class Recorder implements CheckpointParticipant {
    final String name;
    final List<String> journal;
    boolean failBefore;
    boolean failAfterRestore;

    Recorder(String name, List<String> journal) {
      this.name = name;
      this.journal = journal;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void beforeCheckpoint(CheckpointContext context) throws Exception {
      journal.add("before " + name);
      if (failBefore) {
        throw new IllegalStateException(name + " cannot quiesce");
      }
      context.recordCut("thread." + name, journal.size());
    }

    @Override
    public void afterCheckpoint(CheckpointContext context, boolean completed) {
      journal.add("after " + name + (completed ? "" : " (aborted)"));
    }

    @Override
    public void afterRestore(CheckpointContext context) {
      journal.add("restore " + name);
      if (failAfterRestore) {
        throw new IllegalStateException(name + " cannot reconnect");
      }
    }
  }

  private final List<String> journal = new ArrayList<>();
  private final CheckpointContext context = new CheckpointContext(Path.of("/tmp/x"), 7, 0);

  private ParticipantRegistry registry(Recorder... rs) {
    ParticipantRegistry reg = new ParticipantRegistry();
    for (Recorder r : rs) {
      reg.register(r);
    }
    return reg;
  }

  @Test
  void callsBeforeInOrderAndAfterInReverse() throws Exception {
    ParticipantRegistry reg =
        registry(
            new Recorder("a", journal), new Recorder("b", journal), new Recorder("c", journal));
    List<CheckpointParticipant> prepared = reg.beforeCheckpoint(context);
    reg.afterCheckpoint(prepared, context, true);
    assertEquals(
        List.of("before a", "before b", "before c", "after c", "after b", "after a"), journal);
    assertEquals(3, context.cut().size());
  }

  @Test
  void callsAfterRestoreInReverse() throws Exception {
    ParticipantRegistry reg = registry(new Recorder("a", journal), new Recorder("b", journal));
    List<CheckpointParticipant> prepared = reg.beforeCheckpoint(context);
    reg.afterRestore(prepared, context);
    assertEquals(List.of("before a", "before b", "restore b", "restore a"), journal);
  }

  @Test
  void aFailureBeforeTheCheckpointRollsBackThoseAlreadyPrepared() {
    Recorder b = new Recorder("b", journal);
    b.failBefore = true;
    ParticipantRegistry reg = registry(new Recorder("a", journal), b, new Recorder("c", journal));
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> reg.beforeCheckpoint(context));
    assertTrue(
        e.getMessage().contains("participant b failed before the checkpoint"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot quiesce"), e.getMessage());
    assertEquals(List.of("before a", "before b", "after a (aborted)"), journal);
  }

  @Test
  void everyParticipantIsRestoredEvenWhenOneFails() throws Exception {
    Recorder b = new Recorder("b", journal);
    b.failAfterRestore = true;
    Recorder c = new Recorder("c", journal);
    c.failAfterRestore = true;
    ParticipantRegistry reg = registry(new Recorder("a", journal), b, c);
    List<CheckpointParticipant> prepared = reg.beforeCheckpoint(context);
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> reg.afterRestore(prepared, context));
    assertEquals(
        List.of("before a", "before b", "before c", "restore c", "restore b", "restore a"),
        journal);
    assertTrue(
        e.getMessage().contains("participant c failed after restore from checkpoint 7"),
        e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertTrue(e.getSuppressed()[0].getMessage().contains("participant b"));
  }

  @Test
  void registrationIsOrderedAndUnique() {
    Recorder a = new Recorder("a", journal);
    ParticipantRegistry reg = registry(a, new Recorder("b", journal));
    assertThrows(IllegalArgumentException.class, () -> reg.register(a));
    assertEquals("a", reg.participants().get(0).name());
    assertTrue(reg.unregister(a));
    assertEquals(1, reg.participants().size());
  }

  @Test
  void cutEntriesAreUnique() {
    context.recordCut("k", 1);
    context.recordCut("k", 1);
    assertThrows(IllegalStateException.class, () -> context.recordCut("k", 2));
  }
}
