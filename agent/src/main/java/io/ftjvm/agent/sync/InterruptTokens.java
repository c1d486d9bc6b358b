package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.WeakIdentityTable;

/**
 * Each thread's interrupt order: the interrupts sent to it, the reads of its flag by others, and
 * its own reads that saw an interrupt are ordered like the acquisitions of one lock, whose key is
 * the thread's token. (Not the Thread itself: a Thread can also be used as a monitor.)
 */
final class InterruptTokens {
  /** The key of one thread's interrupt order in the lock tables. */
  static final class Token {
    /** Replay: the interrupt flag as the recorded run had it (the real one is never set). */
    volatile boolean pending;

    /**
     * The owner has seen the interrupt that is set (a read that does not clear answered true):
     * further reads answer true without an event, until one clears it. Only the owner touches it.
     */
    boolean seen;
  }

  private final WeakIdentityTable<Token> byThread = new WeakIdentityTable<>();

  Token of(Thread thread) {
    return byThread.computeIfAbsent(thread, k -> new Token());
  }
}
