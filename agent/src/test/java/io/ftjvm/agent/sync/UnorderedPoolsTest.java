package io.ftjvm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.bootstrap.ThreadState;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class UnorderedPoolsTest {
  @Test
  void onlyAPoolWorkerTakingPartAddsTheNote() throws Exception {
    UnorderedPools.replaying(new ThreadState("1"));
    assertNull(UnorderedPools.replayNote(), "the main thread is no pool worker");

    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      pool.submit(() -> UnorderedPools.replaying(new ThreadState("1.3"))).get();
    } finally {
      pool.shutdown();
    }
    String note = UnorderedPools.replayNote();
    assertTrue(note.contains("note: ForkJoinPool workers took part"), note);
    assertTrue(note.contains("logical thread 1.3 (ForkJoinPool-"), note);
  }
}
