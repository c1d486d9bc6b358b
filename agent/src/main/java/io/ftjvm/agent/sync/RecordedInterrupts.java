package io.ftjvm.agent.sync;

import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Record mode: an interrupt, and every read of the flag, happen while the target's interrupt order
 * is held, so the order logged is the order in which they really happened. Another thread's read is
 * logged with its answer. A thread's own reads are logged only when they first see an interrupt:
 * whether the JDK saw it on entering a wait or inside it, and how many times it read the flag
 * meanwhile, depends on timing, but that it saw it, and where in its sequence of events, does not.
 * Replay answers false wherever a thread's next event is not such a read.
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
    serial(target).lock();
  }

  /** After {@code target.interrupt()}. */
  public void interrupted(ThreadStreamWriter out, Thread target) {
    after(out, target, EventType.INTERRUPT);
  }

  /** After a read of {@code target}'s flag that answered {@code result}. */
  public void read(ThreadStreamWriter out, Thread target, boolean clears, boolean result) {
    if (target != Thread.currentThread()) {
      after(out, target, result ? EventType.INTERRUPT_CHECK_SET : EventType.INTERRUPT_CHECK);
      return;
    }
    InterruptTokens.Token token = tokens.of(target);
    boolean first = result && !token.seen;
    token.seen = result && !clears;
    after(out, target, first ? EventType.INTERRUPTED : null);
  }

  /** A blocking call of the current thread threw InterruptedException (the flag is now clear). */
  public void thrown(ThreadStreamWriter out) {
    Thread self = Thread.currentThread();
    before(self);
    InterruptTokens.Token token = tokens.of(self);
    boolean first = !token.seen;
    token.seen = false;
    after(out, self, first ? EventType.INTERRUPTED : null);
  }

  private void after(ThreadStreamWriter out, Thread target, EventType logged) {
    ReentrantLock serial = serial(target);
    try {
      if (logged != null) {
        locks.turn(out, tokens.of(target), logged);
      }
    } finally {
      serial.unlock();
    }
  }

  private ReentrantLock serial(Thread target) {
    return locks.state(tokens.of(target)).serial;
  }
}
