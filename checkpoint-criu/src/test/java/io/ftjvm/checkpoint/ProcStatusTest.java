package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state letter and the tracer, as {@code /proc/<pid>/status} gives them. */
class ProcStatusTest {

  @Test
  void readsTheStateAndTheTracer() {
    String zombie =
        "Name:\tjava\nUmask:\t0022\nState:\tZ (zombie)\nTgid:\t5574\nPid:\t5574\nPPid:\t5558\n"
            + "TracerPid:\t5663\nUid:\t0\t0\t0\t0\n";
    assertEquals(Optional.of(new ProcStatus('Z', 5663)), ProcStatus.parse(zombie));
    assertTrue(ProcStatus.parse(zombie).get().ended());
    assertTrue(ProcStatus.parse(zombie).get().traced());
    ProcStatus running = ProcStatus.parse("State:\tS (sleeping)\nTracerPid:\t0\n").get();
    assertFalse(running.ended());
    assertFalse(running.traced());
    assertEquals(Optional.empty(), ProcStatus.parse("Name:\tjava\n"));
    assertTrue(ProcStatus.read(ProcessHandle.current().pid()).isPresent(), "this JVM's own");
    assertEquals(Optional.empty(), ProcStatus.read(Long.MAX_VALUE), "no such process");
  }
}
