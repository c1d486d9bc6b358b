package io.ftjvm.bootstrap;

import java.util.concurrent.TimeUnit;

/**
 * Hooks of {@code SynchronousQueue}'s put, offer, take and poll (see {@link OrderedHandoff}). Each
 * enter hook either does the call in the model and returns its outcome, and the JDK's method is
 * skipped, or returns null and the JDK's method runs. The exit hooks turn an outcome into the
 * method's result or exception (an advice's enter cannot throw: errors there are suppressed).
 */
public final class HandoffHooks {
  private HandoffHooks() {}

  /** put(e): waits for a taker; InterruptedException, on entry too. */
  public static Object put(Object queue, Object item) {
    OrderedHandoff handoff = model(queue, item);
    return handoff == null ? null : handoff.give(item, -1, true);
  }

  /** offer(e): only to a taker already waiting. */
  public static Object offer(Object queue, Object item) {
    OrderedHandoff handoff = model(queue, item);
    return handoff == null ? null : handoff.give(item, 0, false);
  }

  /** offer(e, timeout, unit). */
  public static Object offer(Object queue, Object item, long timeout, TimeUnit unit) {
    OrderedHandoff handoff = unit == null ? null : model(queue, item);
    return handoff == null ? null : handoff.give(item, OrderedHandoff.nanos(timeout, unit), false);
  }

  /** take(): waits for a giver; InterruptedException, on entry too. */
  public static Object take(Object queue) {
    OrderedHandoff handoff = model(queue, queue);
    return handoff == null ? null : handoff.take(-1, true);
  }

  /** poll(): only from a giver already waiting. */
  public static Object poll(Object queue) {
    OrderedHandoff handoff = model(queue, queue);
    return handoff == null ? null : handoff.take(0, false);
  }

  /** poll(timeout, unit). */
  public static Object poll(Object queue, long timeout, TimeUnit unit) {
    OrderedHandoff handoff = unit == null ? null : model(queue, queue);
    return handoff == null ? null : handoff.take(OrderedHandoff.nanos(timeout, unit), false);
  }

  /** What a put/offer returns: the model's answer, or the JDK's when it ran. */
  public static boolean given(Object outcome, boolean real) {
    return outcome == null ? real : outcome == OrderedHandoff.Outcome.GIVEN;
  }

  /** What a take/poll returns: the element handed over (null: none), or the JDK's answer. */
  public static Object taken(Object outcome, Object real) {
    return outcome == null ? real : ((OrderedHandoff.Outcome) outcome).item;
  }

  /** What the call throws: InterruptedException when the model was interrupted. */
  public static Throwable thrown(Object outcome, Throwable real) {
    return outcome == OrderedHandoff.Outcome.INTERRUPTED ? new InterruptedException() : real;
  }

  /**
   * The model for this queue, or null to let the JDK's method run: a null element (the JDK throws
   * NullPointerException), or a queue first used outside capture.
   */
  private static OrderedHandoff model(Object queue, Object item) {
    if (item == null) {
      return null;
    }
    return OrderedHandoff.of(queue);
  }
}
