package io.ftjvm.agent.sync;

/**
 * Record: a thread waiting in a synchronizer's line (see RecordedLockOrder.acquireBlocking), with
 * what the questions about the line need to know of it: its logical id, which a recording names it
 * by, and whether it waits for a shared hold.
 */
final class LineWaiter {
  final Thread thread;
  final String logicalId;
  final boolean shared;

  LineWaiter(Thread thread, String logicalId, boolean shared) {
    this.thread = thread;
    this.logicalId = logicalId;
    this.shared = shared;
  }
}
