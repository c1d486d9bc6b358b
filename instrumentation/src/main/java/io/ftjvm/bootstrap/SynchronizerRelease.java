package io.ftjvm.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Lets go of a java.util.concurrent lock completely and takes it back, as Condition.await does
 * around its wait, but without joining the condition's queue: a replayed thread that re-acquired a
 * lock out of its recorded turn gives it back this way while it waits for its turn, so it can never
 * take a signal meant for a thread that really waits on the condition.
 */
final class SynchronizerRelease {
  /** AbstractQueuedSynchronizer.state: the hold count that await saves (java.base opens it). */
  private static final VarHandle STATE = stateHandle();

  private SynchronizerRelease() {}

  /** Releases every hold this thread has; returns what {@link #reacquire} must take back. */
  static int releaseFully(AbstractQueuedSynchronizer sync) {
    int saved = (int) STATE.getVolatile(sync);
    sync.release(saved);
    return saved;
  }

  static void reacquire(AbstractQueuedSynchronizer sync, int saved) {
    sync.acquire(saved);
  }

  static boolean available() {
    return STATE != null;
  }

  private static VarHandle stateHandle() {
    try {
      return MethodHandles.privateLookupIn(AbstractQueuedSynchronizer.class, MethodHandles.lookup())
          .findVarHandle(AbstractQueuedSynchronizer.class, "state", int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot read lock hold counts: replayed conditions fall back to await", e);
      return null;
    }
  }
}
