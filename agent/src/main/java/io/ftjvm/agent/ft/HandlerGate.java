package io.ftjvm.agent.ft;

import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.IoCall;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.ThreadState;

/**
 * Holds every application thread at its next event while a checkpoint is taken, and sends it on to
 * the handler chosen afterwards.
 *
 * <p>Why: CRIU lets the threads of a restored process run at once, before the agent has installed
 * recovery. A thread that was blocked in {@code accept} or {@code read} when the image was taken
 * returns from it then; without the gate it would reach the live handler and log a real client's
 * connection as new, where the log says that call returned something else. Behind the gate it waits
 * until recovery is installed, and ends the call as the log says. In the original process the gate
 * opens again onto the same live handler once the dump is done.
 */
final class HandlerGate implements EventHandler {
  private EventHandler next;
  private boolean open;

  private HandlerGate() {}

  /** Closes the gate: events from here on wait for {@link #open}. */
  static HandlerGate close() {
    HandlerGate gate = new HandlerGate();
    Hooks.install(gate);
    return gate;
  }

  /** Installs the handler for what comes next and lets the waiting threads on to it. */
  synchronized void open(EventHandler then) {
    next = then;
    Hooks.install(then);
    open = true;
    notifyAll();
  }

  private synchronized EventHandler await() {
    boolean interrupted = false;
    while (!open) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // the application's interrupt, not ours: keep it for the application
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return next;
  }

  @Override
  public long clock(ThreadState thread, int kind, long actual) {
    return await().clock(thread, kind, actual);
  }

  @Override
  public long value(ThreadState thread, int kind, long actual) {
    return await().value(thread, kind, actual);
  }

  @Override
  public void randomBytes(ThreadState thread, int kind, byte[] bytes) {
    await().randomBytes(thread, kind, bytes);
  }

  @Override
  public String text(ThreadState thread, int kind, String actual) {
    return await().text(thread, kind, actual);
  }

  @Override
  public IoCall beforeIo(ThreadState thread, IoCall call) {
    return await().beforeIo(thread, call);
  }

  @Override
  public void afterIo(ThreadState thread, IoCall call) {
    await().afterIo(thread, call);
  }

  @Override
  public int lockAcquired(ThreadState thread, Object lock) {
    return await().lockAcquired(thread, lock);
  }

  @Override
  public void beforeLock(ThreadState thread, Object lock) {
    await().beforeLock(thread, lock);
  }

  @Override
  public int beforeTryLock(ThreadState thread, Object lock) {
    return await().beforeTryLock(thread, lock);
  }

  @Override
  public void tryLockFailed(ThreadState thread, Object lock) {
    await().tryLockFailed(thread, lock);
  }

  @Override
  public boolean beforeAtomic(ThreadState thread, Object atomic) {
    return await().beforeAtomic(thread, atomic);
  }

  @Override
  public void afterAtomic(ThreadState thread, Object atomic) {
    await().afterAtomic(thread, atomic);
  }

  @Override
  public boolean beforeOrderedCall(ThreadState thread, Object collection) {
    return await().beforeOrderedCall(thread, collection);
  }

  @Override
  public void afterOrderedCall(ThreadState thread, Object collection) {
    await().afterOrderedCall(thread, collection);
  }

  @Override
  public int acquireBlocking(
      ThreadState thread, BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
    return await().acquireBlocking(thread, acquire, timeoutNanos, interruptible);
  }

  @Override
  public boolean skipsWaitLoopRead(ThreadState thread, Object sync) {
    return await().skipsWaitLoopRead(thread, sync);
  }

  @Override
  public boolean reinterruptedAfterWait(ThreadState thread, boolean takesSight) {
    return await().reinterruptedAfterWait(thread, takesSight);
  }

  @Override
  public long queueView(ThreadState thread, Object key) {
    return await().queueView(thread, key);
  }

  @Override
  public Thread[] queuedThreads(ThreadState thread, Object key, QueuedThreads question) {
    return await().queuedThreads(thread, key, question);
  }

  @Override
  public Thread[] threadsListed(ThreadState thread, Thread[] alive) {
    return await().threadsListed(thread, alive);
  }

  @Override
  public int awaitLatch(
      ThreadState thread, java.util.concurrent.CountDownLatch latch, long timeoutNanos) {
    return await().awaitLatch(thread, latch, timeoutNanos);
  }

  @Override
  public int beforeWaitCancel(ThreadState thread, Object sync) {
    return await().beforeWaitCancel(thread, sync);
  }

  @Override
  public void waitCancelled(ThreadState thread, Object sync, boolean cancelled) {
    await().waitCancelled(thread, sync, cancelled);
  }

  @Override
  public long waitNanosLeft(ThreadState thread, Object sync, long actual) {
    return await().waitNanosLeft(thread, sync, actual);
  }

  @Override
  public int beforeInterrupt(ThreadState thread, Thread target) {
    return await().beforeInterrupt(thread, target);
  }

  @Override
  public void afterInterrupt(ThreadState thread, Thread target) {
    await().afterInterrupt(thread, target);
  }

  @Override
  public int beforeInterruptRead(ThreadState thread, Thread target, boolean clears) {
    return await().beforeInterruptRead(thread, target, clears);
  }

  @Override
  public void afterInterruptRead(
      ThreadState thread, Thread target, boolean clears, boolean result) {
    await().afterInterruptRead(thread, target, clears, result);
  }

  @Override
  public boolean interruptedHere(ThreadState thread, Object monitor) {
    return await().interruptedHere(thread, monitor);
  }

  @Override
  public void interruptThrown(ThreadState thread) {
    await().interruptThrown(thread);
  }

  @Override
  public void threadEnding(ThreadState thread) {
    await().threadEnding(thread);
  }

  @Override
  public int beforeAliveRead(ThreadState thread, Thread target) {
    return await().beforeAliveRead(thread, target);
  }

  @Override
  public void afterAliveRead(ThreadState thread, Thread target, boolean alive) {
    await().afterAliveRead(thread, target, alive);
  }

  @Override
  public Thread.State beforeStateRead(ThreadState thread, Thread target) {
    return await().beforeStateRead(thread, target);
  }

  @Override
  public void afterStateRead(ThreadState thread, Thread target, Thread.State state) {
    await().afterStateRead(thread, target, state);
  }

  @Override
  public boolean joinReturnsHere(ThreadState thread, Thread target, Object monitor) {
    return await().joinReturnsHere(thread, target, monitor);
  }

  @Override
  public void joined(ThreadState thread, Thread target) {
    await().joined(thread, target);
  }

  @Override
  public boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length) {
    return await().consoleWrite(thread, bytes, offset, length);
  }

  @Override
  public String taskStarts(ThreadState task) {
    return await().taskStarts(task);
  }

  @Override
  public void taskNamed(ThreadState task) {
    await().taskNamed(task);
  }

  @Override
  public boolean replaying() {
    return await().replaying();
  }

  @Override
  public void unsupported(ThreadState thread, String what) {
    await().unsupported(thread, what);
  }
}
