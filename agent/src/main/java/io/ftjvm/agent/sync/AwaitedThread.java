package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.ThreadState;
import java.util.Map;

/**
 * Replay: a thread the recording names, which the asking thread waits for until this run has it (it
 * has been made, or has reached where the recording had it), noted meanwhile for the stall report:
 * if it never comes, the report says who waits for whom.
 */
final class AwaitedThread {
  private AwaitedThread() {}

  /** One look for the thread, waiting a little if it is not there yet; null if it is not. */
  interface Look {
    Thread find() throws InterruptedException;
  }

  /**
   * The thread {@code look} finds; until it does, the asker is noted in {@code waiting} as waiting
   * for thread {@code awaited} {@code until} (the rest of the sentence).
   */
  static Thread await(
      Look look, ThreadState asker, Map<String, String> waiting, String awaited, String until)
      throws InterruptedException {
    Thread found = look.find();
    if (found != null) {
      return found;
    }
    waiting.put(
        asker.logicalId(),
        "thread " + asker.logicalId() + " waits for thread " + awaited + " " + until);
    try {
      while ((found = look.find()) == null) {
        // the watchdog reports a stall if it never comes
      }
      return found;
    } finally {
      waiting.remove(asker.logicalId());
    }
  }
}
