package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.util.concurrent.locks.LockSupport;

/**
 * Replay mode: interrupts are delivered in their recorded turns without setting the real flag (a
 * real flag would wake blocking calls the recorded run saw end otherwise), and each read of a flag
 * answers as recorded. A thread's own read answers true exactly where its next recorded event is
 * such a read and the interrupt it saw has been delivered; a thread parked in a
 * java.util.concurrent wait is unparked whenever its order moves, so it reads again.
 */
public final class ReplayedInterrupts {
  private final ReplayedLockOrder locks;
  private final InterruptTokens tokens;

  ReplayedInterrupts(ReplayedLockOrder locks, InterruptTokens tokens) {
    this.locks = locks;
    this.tokens = tokens;
  }

  /** {@code target.interrupt()} in its turn: the interrupt is now pending. */
  public int interrupt(ThreadCursor cursor, ThreadState thread, Thread target)
      throws InterruptedException {
    InterruptTokens.Token token = tokens.of(target);
    locks.takeTurn(cursor, thread, token, EventType.INTERRUPT, null);
    token.pending = true;
    wake(target);
    return EventHandler.ANSWER_FALSE;
  }

  /** A read of {@code target}'s flag: {@link EventHandler#ANSWER_TRUE} or {@code ANSWER_FALSE}. */
  public int read(ThreadCursor cursor, ThreadState thread, Thread target, boolean clears)
      throws InterruptedException {
    InterruptTokens.Token token = tokens.of(target);
    if (target != Thread.currentThread()) {
      return recordedAnswer(
          cursor, thread, target, EventType.INTERRUPT_CHECK_SET, EventType.INTERRUPT_CHECK);
    }
    if (!token.seen && thread.polling()) {
      // An application poll: recorded as a check that answered false, or as the first sight.
      Determinant next = cursor.peek();
      if (next != null && next.type() == EventType.INTERRUPT_CHECK) {
        locks.takeTurn(cursor, thread, token, EventType.INTERRUPT_CHECK, null);
        return EventHandler.ANSWER_FALSE;
      }
      locks.takeTurn(cursor, thread, token, EventType.INTERRUPTED, null);
    } else if (!token.seen && thread.waitRead() && nextIs(cursor, EventType.INTERRUPTED)) {
      // A wait loop's read: the recorded interrupt was seen here
      // (InterruptHooks.interruptedInWait).
      locks.takeTurn(cursor, thread, token, EventType.INTERRUPTED, null);
    } else if (!token.seen && !locks.tryTakeTurn(cursor, thread, token, EventType.INTERRUPTED)) {
      return EventHandler.ANSWER_FALSE;
    }
    token.seen = !clears;
    if (clears) {
      token.pending = false;
    }
    return EventHandler.ANSWER_TRUE;
  }

  /**
   * A blocking call: if the recorded one was interrupted (the thread had seen an interrupt it had
   * not cleared, or its next event is seeing one), waits for that interrupt's turn, takes it, and
   * answers true.
   */
  public boolean interruptedHere(ThreadCursor cursor, ThreadState thread, Object monitor)
      throws InterruptedException {
    InterruptTokens.Token token = tokens.of(Thread.currentThread());
    if (!seenOrTaken(cursor, thread, token, monitor)) {
      return false;
    }
    token.seen = false;
    token.pending = false; // the JVM clears the flag when it throws InterruptedException
    return true;
  }

  /**
   * Whether the thread has seen its interrupt, taking the recorded sight in its turn (letting go of
   * {@code monitor} while it waits) if that is its next event.
   */
  private boolean seenOrTaken(
      ThreadCursor cursor, ThreadState thread, InterruptTokens.Token token, Object monitor)
      throws InterruptedException {
    if (token.seen) {
      return true;
    }
    if (!nextIs(cursor, EventType.INTERRUPTED)) {
      return false;
    }
    locks.takeTurn(cursor, thread, token, EventType.INTERRUPTED, monitor);
    return true;
  }

  /** The current thread ends in its recorded turn. */
  public void ending(ThreadCursor cursor, ThreadState thread) throws InterruptedException {
    locks.takeTurn(cursor, thread, tokens.of(Thread.currentThread()), EventType.THREAD_END, null);
  }

  /** {@code target.isAlive()}: the recorded answer, in its turn. */
  public int aliveRead(ThreadCursor cursor, ThreadState thread, Thread target)
      throws InterruptedException {
    return recordedAnswer(
        cursor, thread, target, EventType.THREAD_ALIVE, EventType.THREAD_NOT_ALIVE);
  }

  /** {@code target.getState()}: the recorded state, in its turn. */
  public Thread.State stateRead(ThreadCursor cursor, ThreadState thread, Thread target)
      throws InterruptedException {
    Determinant next = cursor.peek();
    // takeTurn reports a divergence if the recording has something else here
    locks.takeTurn(cursor, thread, tokens.of(target), EventType.THREAD_STATE, null);
    wake(target);
    return Thread.State.valueOf(next.text());
  }

  /**
   * Another thread's read about {@code target}, recorded as {@code yes} or {@code no}: takes its
   * turn on the target's order and answers as recorded.
   */
  private int recordedAnswer(
      ThreadCursor cursor, ThreadState thread, Thread target, EventType yes, EventType no)
      throws InterruptedException {
    Determinant next = cursor.peek();
    EventType answered = next != null && next.type() == yes ? yes : no;
    locks.takeTurn(cursor, thread, tokens.of(target), answered, null);
    wake(target);
    return answered == yes ? EventHandler.ANSWER_TRUE : EventHandler.ANSWER_FALSE;
  }

  /**
   * A join of {@code target}: if the recorded one returned (its next event says so), waits for that
   * turn, letting go of {@code monitor} meanwhile, and answers true.
   */
  public boolean joinReturnsHere(
      ThreadCursor cursor, ThreadState thread, Thread target, Object monitor)
      throws InterruptedException {
    if (!nextIs(cursor, EventType.THREAD_JOINED)) {
      return false;
    }
    locks.takeTurn(cursor, thread, tokens.of(target), EventType.THREAD_JOINED, monitor);
    wake(target);
    return true;
  }

  private static boolean nextIs(ThreadCursor cursor, EventType type) {
    Determinant next = cursor.peek();
    return next != null && next.type() == type;
  }

  /** The key of {@code target}'s interrupt order in the lock tables. */
  public Object token(Thread target) {
    return tokens.of(target);
  }

  /**
   * Recovery: a thread whose log tail is replayed goes on live. An interrupt the tail delivered and
   * the thread had not seen yet becomes a real one, as the crashed process had it.
   */
  public void goLive(Thread self) {
    InterruptTokens.Token token = tokens.of(self);
    if (token.pending) {
      token.pending = false;
      self.interrupt(); // the caller's guard is raised: not an event
    }
  }

  /**
   * A condition wait's loop is about to read the thread's own flag again (a clearing read): whether
   * to skip it, because the recorded loop cannot have made it. A recording says that the thread saw
   * an interrupt, not which read saw it, but in a wait what followed tells: a clearing read that
   * answered true makes the wait log its cancel or, signalled first, the JDK's interrupting the
   * thread again before the re-acquisition; the park's own look ({@code isReleasable}) does not
   * clear the flag, and a loop that then finds itself signalled ends without reading again. So the
   * read is skipped when the thread has seen its interrupt (uncleared) and the re-acquisition is
   * next, and when the next event is seeing it and the re-acquisition follows: that sight is the
   * park's to take.
   *
   * <p>{@code customSync}: the wait is on a synchronizer the application built, whose
   * re-acquisition is logged inside the await, before the JDK's second interrupt: there a
   * re-acquisition followed by that interrupt means the loop did read.
   */
  public boolean skipsWaitLoopRead(ThreadCursor cursor, boolean customSync) {
    Determinant next = cursor.peek();
    if (next == null) {
      return false;
    }
    if (tokens.of(Thread.currentThread()).seen) {
      if (next.type() != EventType.LOCK_ACQUIRE) {
        return false;
      }
      Determinant after = customSync ? cursor.peekAfterNext() : null;
      return after == null || after.type() != EventType.INTERRUPT;
    }
    if (next.type() != EventType.INTERRUPTED) {
      return false;
    }
    Determinant after = cursor.peekAfterNext();
    return after != null && after.type() == EventType.LOCK_ACQUIRE;
  }

  /**
   * A condition wait returned normally (its lock held again): whether the JDK interrupted the
   * thread again at its end in the recording, which the replayed wait did not (its loop did not
   * read the flag: the signal came before). Answers true when the thread's next event is that
   * interrupt (after its sight, taken here in its turn, if not taken yet): the caller then
   * interrupts the thread, an event. A sight followed by the re-acquisition was the park's look,
   * which left the flag set: it is taken, the flag stays set and seen, and no interrupt follows.
   * {@code takesSight} false: only an interrupt the thread has seen already is considered (after a
   * custom synchronizer's wait, whose re-acquisition is past: a sight next belongs to later code).
   */
  public boolean reinterruptedAfterWait(
      ThreadCursor cursor, ThreadState thread, Object monitor, boolean takesSight)
      throws InterruptedException {
    InterruptTokens.Token token = tokens.of(Thread.currentThread());
    if (takesSight ? !seenOrTaken(cursor, thread, token, monitor) : !token.seen) {
      return false;
    }
    token.seen = true; // by the park's look, unless the JDK's interrupt follows
    if (!nextIs(cursor, EventType.INTERRUPT)) {
      return false;
    }
    token.seen = false; // the wait's read cleared it; the JDK sets it again, in its turn
    token.pending = false;
    return true;
  }

  /** Its order moved: a target parked in a wait reads its flag again (park may wake spuriously). */
  private static void wake(Thread target) {
    if (target != Thread.currentThread()) {
      LockSupport.unpark(target);
    }
  }
}
