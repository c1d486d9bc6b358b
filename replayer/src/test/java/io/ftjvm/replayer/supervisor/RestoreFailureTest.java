package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.replayer.supervisor.RestoreFailure.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restore failures told apart from CRIU's exit status and log. The lines are CRIU 4.2.1's own, as
 * measured on this machine: a restore whose task was killed with {@code kill -9} mid-way, an
 * inventory.img with a flipped byte, a ghost file left behind by an earlier failed restore.
 */
class RestoreFailureTest {

  @Test
  void aKillOfARestoredTaskIsAnInterruption() {
    RestoreFailure f = RestoreFailure.classify(1, SupervisorTest.KILLED_WHILE_RESTORING);

    assertEquals(Kind.INTERRUPTED, f.kind());
    assertTrue(f.reason().contains("killed by signal 9 from outside"), f.reason());
  }

  @Test
  void criuKilledItselfWithoutALogLineIsAnInterruption() {
    RestoreFailure f = RestoreFailure.classify(137, List.of());

    assertEquals(Kind.INTERRUPTED, f.kind());
    assertTrue(f.reason().contains("killed by signal 9"), f.reason());
  }

  @Test
  void anImageThatDoesNotUnpackIsDamageNamingTheFile() {
    RestoreFailure f =
        RestoreFailure.classify(
            1,
            List.of(
                SupervisorTest.UNPACK_INVENTORY,
                "Error (criu/cr-restore.c:2331): Restoring FAILED."));

    assertEquals(Kind.DAMAGED, f.kind());
    assertTrue(
        f.reason().startsWith("the image /s/checkpoints/ckpt-0000000002/inventory.img is damaged"),
        f.reason());
  }

  @Test
  void theKillCriuDoesItselfAfterAnotherErrorIsNotTheCause() {
    RestoreFailure f =
        RestoreFailure.classify(
            1,
            List.of(
                "12411: Error (criu/files-reg.c:467): Can't create ghost regfile: File exists",
                "Error (criu/cr-restore.c:2331): Restoring FAILED.",
                "Error (criu/cr-restore.c:1269): 12411 killed by signal 9: Killed"));

    assertEquals(Kind.TRANSIENT, f.kind());
    assertTrue(f.reason().contains("Can't create ghost regfile"), f.reason());
  }

  @Test
  void damageFoundAfterAnUnrelatedFirstErrorStillCounts() {
    RestoreFailure f =
        RestoreFailure.classify(
            1,
            List.of(
                "Error (criu/files-reg.c:1): something about a regular file",
                "Error (criu/image.c:1): Unexpected EOF on (5) pagemap-12411.img"));

    assertEquals(Kind.DAMAGED, f.kind());
    assertTrue(f.reason().contains("pagemap-12411.img"), f.reason());
  }

  @Test
  void aHangOrASilentFailureIsTransient() {
    assertEquals(Kind.TRANSIENT, RestoreFailure.classify(-1, List.of()).kind());
    RestoreFailure silent = RestoreFailure.classify(1, List.of());
    assertEquals(Kind.TRANSIENT, silent.kind());
    assertFalse(silent.damaged());
  }

  @Test
  void retriesAreBoundedForTransientFailuresOnly() {
    RestoreRetries retries = new RestoreRetries();
    RestoreFailure transientFailure = RestoreFailure.classify(1, List.of());
    RestoreFailure interrupted = RestoreFailure.classify(137, List.of());
    RestoreFailure damaged = RestoreFailure.classify(1, List.of(SupervisorTest.UNPACK_INVENTORY));

    assertTrue(retries.retry(7, transientFailure));
    assertTrue(retries.retry(7, transientFailure));
    assertFalse(retries.retry(7, transientFailure), "the third transient failure falls back");
    assertTrue(retries.retry(6, transientFailure), "counted per checkpoint");
    for (int i = 0; i < 10; i++) {
      assertTrue(retries.retry(7, interrupted), "interruptions do not use up the retries");
    }
    assertFalse(retries.retry(5, damaged));
  }
}
