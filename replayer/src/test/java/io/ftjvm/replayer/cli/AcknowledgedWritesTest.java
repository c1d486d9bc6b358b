package io.ftjvm.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcknowledgedWritesTest {

  /** k0 written three times, k1 once. */
  private static AcknowledgedWrites threeAndOne() {
    AcknowledgedWrites acks = new AcknowledgedWrites();
    assertTrue(acks.acknowledged("k0", "a", 1));
    assertTrue(acks.acknowledged("k1", "x", 1));
    assertTrue(acks.acknowledged("k0", "b", 2));
    assertTrue(acks.acknowledged("k0", "c", 3));
    return acks;
  }

  @Test
  void theLastValueAtTheNumberOfWritesIsExactlyOnce() {
    AcknowledgedWrites acks = threeAndOne();

    AcknowledgedWrites.KeyCheck check = acks.check("k0", "VALUE c 3 1795246903304");

    assertTrue(check.exactlyOnce());
    assertEquals(3, check.acknowledged());
    assertEquals(4, acks.total());
  }

  @Test
  void anOlderValueMeansTheLaterWritesAreLost() {
    AcknowledgedWrites.KeyCheck check = threeAndOne().check("k0", "VALUE a 1 1");

    assertFalse(check.exactlyOnce());
    assertEquals(2, check.lost());
    assertEquals(0, check.doubled());
  }

  @Test
  void aMissingKeyLosesAllItsWrites() {
    AcknowledgedWrites.KeyCheck check = threeAndOne().check("k0", "MISSING");

    assertEquals(3, check.lost());
  }

  @Test
  void aHigherVersionMeansAWriteWasAppliedTwice() {
    AcknowledgedWrites.KeyCheck check = threeAndOne().check("k0", "VALUE c 4 1");

    assertFalse(check.exactlyOnce());
    assertEquals(0, check.lost());
    assertEquals(1, check.doubled());
  }

  @Test
  void aLowerVersionWithTheLastValueMeansAnEarlierWriteIsLost() {
    AcknowledgedWrites.KeyCheck check = threeAndOne().check("k0", "VALUE c 2 1");

    assertEquals(1, check.lost());
  }

  @Test
  void anAcknowledgementWithTheWrongVersionIsReported() {
    AcknowledgedWrites acks = new AcknowledgedWrites();
    acks.acknowledged("k0", "a", 1);

    assertFalse(acks.acknowledged("k0", "b", 1), "a second write acknowledged as version 1");
  }

  @Test
  void anAnswerOutsideTheProtocolIsRefused() {
    assertThrows(IllegalStateException.class, () -> threeAndOne().check("k0", "ERROR what"));
  }
}
