package io.ftjvm.agent.sync;

import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.util.function.Supplier;

/**
 * Record mode: an interrupt, and every read of the flag, happen while the target's interrupt order
 * is held, so the order logged is the order in which they really happened. Another thread's read is
 * logged with its answer. A thread's own reads are logged only when they first see an interrupt:
 * whether the JDK saw it on entering a wait or inside it, and how many times it read the flag
 * meanwhile, depends on timing, but that it saw it, and where in its sequence of events, does not.
 * Replay answers false wherever a thread's next event is not such a read. The exception is the
 * application's own polls (Thread.interrupted() or isInterrupted() called from its code): a poll
 * that answers false is logged too, so a loop that polls with nothing else between stops at the
 * same round in replay.
 *
 * <p>The same order holds the thread's life as others see it: its end, the joins of it that
 * returned, and the answers of {@code isAlive()}.
 */
public final class RecordedInterrupts {
  private final RecordedLockOrder locks;
  private final InterruptTokens tokens;

  RecordedInterrupts(RecordedLockOrder locks, InterruptTokens tokens) {
    this.locks = locks;
    this.tokens = tokens;
  }

  /** Before the interrupt or the read: holds the order until the matching after-call. */
  public void before(Thread target) {
    ParkPermits.lock(locks.state(tokens.of(target)).serial);
  }

  /** After {@code target.interrupt()}. */
  public void interrupted(ThreadStreamWriter out, Thread target) {
    after(out, tokens.of(target), EventType.INTERRUPT);
  }

  /**
   * After a read of {@code target}'s flag that answered {@code result}; {@code polled}: the read
   * was made by application code. The stream is asked for only when the read is logged: most of a
   * thread's own reads are not, and a fork-join task that logs nothing has no stream.
   */
  public void read(
      Supplier<ThreadStreamWriter> stream,
      Thread target,
      boolean clears,
      boolean result,
      boolean polled) {
    InterruptTokens.Token token = tokens.of(target);
    if (target != Thread.currentThread()) {
      after(
          stream.get(), token, result ? EventType.INTERRUPT_CHECK_SET : EventType.INTERRUPT_CHECK);
      return;
    }
    boolean first = result && !token.seen;
    token.seen = result && !clears;
    EventType logged = null;
    if (first) {
      logged = EventType.INTERRUPTED;
    } else if (polled && !result && !token.seen) {
      logged = EventType.INTERRUPT_CHECK; // a poll that saw nothing yet
    }
    after(logged == null ? null : stream.get(), token, logged);
  }

  /** A blocking call of the current thread threw InterruptedException (the flag is now clear). */
  public void thrown(ThreadStreamWriter out) {
    Thread self = Thread.currentThread();
    before(self);
    InterruptTokens.Token token = tokens.of(self);
    boolean first = !token.seen;
    token.seen = false;
    after(out, token, first ? EventType.INTERRUPTED : null);
  }

  /** The current thread is ending (Thread.exit): its end is a step of its own order. */
  public void ending(ThreadStreamWriter out) {
    Thread self = Thread.currentThread();
    before(self);
    after(out, tokens.of(self), EventType.THREAD_END);
  }

  /** After {@code target.isAlive()}, which ran while the order was held ({@link #before}). */
  public void aliveRead(ThreadStreamWriter out, Thread target, boolean alive) {
    after(out, tokens.of(target), alive ? EventType.THREAD_ALIVE : EventType.THREAD_NOT_ALIVE);
  }

  /** After {@code target.getState()}, which ran while the order was held ({@link #before}). */
  public void stateRead(ThreadStreamWriter out, Thread target, Thread.State state) {
    after(out, tokens.of(target), EventType.THREAD_STATE, state.name());
  }

  /**
   * A join of {@code target} returned. Logged after it returned: if the target had ended, its end
   * is already in the order.
   */
  public void joined(ThreadStreamWriter out, Thread target) {
    before(target);
    after(out, tokens.of(target), EventType.THREAD_JOINED);
  }

  /** Logs the turn, if any, and lets go of the order {@link #before} took. */
  private void after(ThreadStreamWriter out, InterruptTokens.Token token, EventType logged) {
    after(out, token, logged, null);
  }

  /**
   * As {@link #after(ThreadStreamWriter, InterruptTokens.Token, EventType)}, with the turn's text.
   */
  private void after(
      ThreadStreamWriter out, InterruptTokens.Token token, EventType logged, String text) {
    LockState state = locks.state(token);
    try {
      if (logged != null) {
        locks.turn(out, state, logged, text);
      }
    } finally {
      state.serial.unlock();
    }
  }
}
