package io.ftjvm.bootstrap;

import java.util.ArrayList;
import java.util.Collection;

/**
 * A question that answers with the threads waiting for a Semaphore or a synchronizer the
 * application built: {@code getQueuedThreads}, {@code getExclusiveQueuedThreads}, {@code
 * getSharedQueuedThreads}, {@code getFirstQueuedThread}, {@code isQueued(thread)}. Under capture
 * those threads wait in the agent's line, not in the JDK's queue (which would answer "none"), so
 * the line answers, in the synchronizer's order (see {@link EventHandler#queuedThreads}). A
 * recording names them by logical id; replay answers with the threads that carry those ids.
 */
public final class QueuedThreads {
  private final String method;
  private final Thread asked;

  private QueuedThreads(String method, Thread asked) {
    this.method = method;
    this.asked = asked;
  }

  /**
   * The answer of {@code method} of {@code owner} ({@code asked}: isQueued's argument), or null
   * when the line does not answer it: the JDK's own synchronizers (their threads are in their
   * queues), a thread that is not the application's, or a question asked by the synchronizer's own
   * tryAcquire while the agent makes an attempt (the attempt's view answers the counting questions
   * only).
   */
  public static Thread[] answer(Object owner, String method, Thread asked) {
    if (!QueueQueries.answeredByLine(owner) || QueueQueries.attemptOn(owner) != null) {
      return null;
    }
    return SyncHooks.queuedThreads(owner, of(method, asked));
  }

  /** The question {@code method} asks ({@code asked}: isQueued's argument, else null). */
  public static QueuedThreads of(String method, Thread asked) {
    return new QueuedThreads(method, asked);
  }

  /** Whether a thread waiting in the line, in the given mode, belongs in the answer. */
  public boolean includes(Thread waiter, boolean shared) {
    switch (method) {
      case "getExclusiveQueuedThreads":
        return !shared;
      case "getSharedQueuedThreads":
        return shared;
      case "isQueued":
        return waiter == asked;
      default:
        return true;
    }
  }

  /**
   * Whether this is isQueued asking about another thread than {@code recorded}, the one the
   * recorded answer names (replay: the asking thread chose differently).
   */
  public boolean asksAboutOtherThan(Thread recorded) {
    return method.equals("isQueued") && recorded != asked;
  }

  /** Whether only the first waiter is asked for ({@code getFirstQueuedThread}). */
  public boolean firstOnly() {
    return method.equals("getFirstQueuedThread");
  }

  /** The name of the thread isQueued asks about, for reports. */
  public String askedName() {
    return asked == null ? "none" : asked.getName();
  }

  /** The answer as the collection the getQueuedThreads methods return. */
  public static Collection<Thread> collection(Thread[] threads) {
    Collection<Thread> answer = new ArrayList<>(threads.length);
    for (Thread t : threads) {
      answer.add(t);
    }
    return answer;
  }
}
