package io.ftjvm.capture.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Brings lock-free stream writers to a stop so another thread can seal, truncate or close their
 * streams, without putting a fence (or a lock) on the writers' hot path.
 *
 * <p>Protocol. A writer publishes {@code seq} odd when it enters a record (plain store) and then
 * reads {@code control}; it publishes {@code seq} even when it leaves. The coordinator stores the
 * new control value with a volatile store (a full fence on its side), then watches {@code seq}:
 * once it has seen the same even value at both ends of a grace period, no record that read the old
 * control value can still be in flight, and every later record will read the new one.
 *
 * <p>Why the grace period is needed and enough: without a store-load fence the writer's "odd" store
 * may still sit in its CPU's store buffer while it reads the old control value. Store buffers drain
 * within nanoseconds (and on every context switch), so after a grace period of milliseconds that
 * store is visible: the coordinator then sees an odd or a newer value, and waits on. The compiler
 * side is covered by the VarHandle access modes (HotSpot does not move an opaque store past a later
 * acquire load). Writers whose thread is the caller, or has terminated, need no grace period at
 * all.
 */
final class Quiescence {
  private Quiescence() {}

  /**
   * Sets every writer's control to {@code control} and waits until each is quiescent.
   *
   * @return the writers that were still inside a record when the timeout expired
   */
  static List<ThreadStreamWriter> await(
      List<ThreadStreamWriter> writers, int control, WriterConfig config) {
    for (ThreadStreamWriter w : writers) {
      w.setControl(control);
    }
    Thread me = Thread.currentThread();
    List<ThreadStreamWriter> pending = new ArrayList<>();
    for (ThreadStreamWriter w : writers) {
      Thread owner = w.owner();
      // Thread termination happens-before isAlive() returning false (JLS 17.4.4).
      if (owner != me && (owner == null || owner.isAlive())) {
        pending.add(w);
      }
    }
    long[] last = new long[pending.size()];
    for (int i = 0; i < last.length; i++) {
      last[i] = pending.get(i).seqAcquire();
    }
    long deadline = System.nanoTime() + config.quiesceTimeout().toNanos();
    while (!pending.isEmpty()) {
      pause(config.gracePeriod().toNanos());
      List<ThreadStreamWriter> still = new ArrayList<>();
      List<Long> stillSeq = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        long s = pending.get(i).seqAcquire();
        if (s != last[i] || (s & 1) != 0) {
          still.add(pending.get(i));
          stillSeq.add(s);
        }
      }
      pending = still;
      last = stillSeq.stream().mapToLong(Long::longValue).toArray();
      if (System.nanoTime() - deadline > 0) {
        break;
      }
    }
    return pending;
  }

  /** Waits the full time even if interrupted (the flag is left set for the caller). */
  private static void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
