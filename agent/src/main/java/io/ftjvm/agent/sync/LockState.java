package io.ftjvm.agent.sync;

/**
 * What the agent knows of one object used as a lock (a monitor, or the synchronizer of a
 * java.util.concurrent lock): its logical id, given at its first acquisition, and how many times it
 * has been acquired. Guarded by its own monitor (never an application lock). Public only as a
 * handle the record handler passes back ({@code RecordedLockOrder.orderedState}); its fields stay
 * in this package.
 */
public final class LockState {
  /**
   * Logical id; -1 until the lock is first acquired (record) or named by its recorded first
   * acquirer (replay).
   */
  int id = -1;

  /** Acquisitions so far: the index the next acquisition gets. */
  long acquisitions;

  /**
   * Replay: threads that hold this lock's recorded acquisition for later, waiting for their turn.
   */
  int waiting;

  /**
   * Record, atomic variables only: serialises the operations on the object, which are lock-free in
   * the JDK, so that the order logged is the order in which they really happened.
   */
  final java.util.concurrent.locks.ReentrantLock serial =
      new java.util.concurrent.locks.ReentrantLock();

  /**
   * Record, objects with blocking acquires only: bumped (under {@link #serial} and this state's
   * monitor) by every ordered operation on the object, so a blocked acquire waiting on this state's
   * monitor knows the permits or state may have changed and tries again.
   */
  long generation;

  /**
   * Record: set once a blocking acquire waited on this object (a semaphore, a custom synchronizer):
   * from then on its ordered operations bump {@link #generation}.
   */
  volatile boolean acquirersWait;

  /**
   * Record, objects with blocking acquires only: the threads waiting to acquire, first come first;
   * only the first of them tries (see RecordedLockOrder.acquireBlocking). Null until one waits.
   * Guarded by {@link #serial}.
   */
  java.util.ArrayDeque<LineWaiter> line;

  /** Record: whether a thread ever waited in {@link #line} (hasContended). Guarded by serial. */
  boolean contended;

  /**
   * java.util.concurrent locks and atomics: whether they are ordered (see ObservedScope); null
   * until their first use. Volatile: once decided it never changes, so it is read without the
   * monitor (the JDK's own maps are asked about at every operation).
   */
  volatile Boolean observed;
}
