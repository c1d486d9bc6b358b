package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadIdsTest {
  @Test
  void logicalOrder() {
    List<String> sorted =
        List.of(
            "0",
            "1",
            "1.1",
            "1.2",
            "1.2.1",
            "1.2.10",
            "1.10",
            "1.10.1",
            "2",
            "10",
            "10.1",
            "99999999999999999999");
    List<String> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new java.util.Random(1));
    shuffled.sort(ThreadIds.ORDER);
    assertEquals(sorted, shuffled);
    assertTrue(ThreadIds.ORDER.compare("1", "1.2") < 0);
    assertTrue(ThreadIds.ORDER.compare("1.2", "1.10") < 0);
    assertTrue(ThreadIds.ORDER.compare("1.10", "2") < 0);
    assertEquals(0, ThreadIds.ORDER.compare("1.2", "1.2"));
  }

  @Test
  void validity() {
    for (String ok : new String[] {"0", "1", "1.2", "1.2.1", "10.0.3"}) {
      assertTrue(ThreadIds.isValid(ok), ok);
    }
    for (String bad :
        new String[] {
          null, "", ".", "1.", ".1", "1..2", "01", "1.00", "a", "1a", " 1", "1.2.x", "1".repeat(201)
        }) {
      assertFalse(ThreadIds.isValid(bad), String.valueOf(bad));
    }
  }
}
