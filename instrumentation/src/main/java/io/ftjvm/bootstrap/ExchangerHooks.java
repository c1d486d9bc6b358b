package io.ftjvm.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hooks of {@code Exchanger.exchange} (see {@link OrderedExchanger}). The enter hooks either do the
 * exchange in the model and return its outcome, and the JDK's method is skipped, or return null and
 * the JDK's method runs; the exit hooks turn an outcome into the method's result or exception.
 */
public final class ExchangerHooks {
  private ExchangerHooks() {}

  /** exchange(x): waits for a partner; InterruptedException. */
  public static Object exchange(Object exchanger, Object mine) {
    OrderedExchanger model = model(exchanger);
    return model == null ? null : model.exchange(mine, -1);
  }

  /** exchange(x, timeout, unit): also TimeoutException. */
  public static Object exchange(Object exchanger, Object mine, long timeout, TimeUnit unit) {
    OrderedExchanger model = unit == null ? null : model(exchanger);
    return model == null ? null : model.exchange(mine, OrderedHandoff.nanos(timeout, unit));
  }

  /** What exchange returns: the partner's object, or the JDK's answer when it ran. */
  public static Object received(Object outcome, Object real) {
    return outcome == null ? real : ((OrderedExchanger.Outcome) outcome).received;
  }

  /** What it throws: InterruptedException or TimeoutException when the model says so. */
  public static Throwable thrown(Object outcome, Throwable real) {
    if (outcome == OrderedExchanger.Outcome.INTERRUPTED) {
      return new InterruptedException();
    }
    return outcome == OrderedExchanger.Outcome.TIMED_OUT ? new TimeoutException() : real;
  }

  private static OrderedExchanger model(Object exchanger) {
    return OrderedExchanger.of(exchanger);
  }
}
