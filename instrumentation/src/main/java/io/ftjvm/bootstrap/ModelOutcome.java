package io.ftjvm.bootstrap;

/**
 * What a call done in an ordered model instead of the JDK's method did ({@link PhaserHooks}, {@link
 * TransferQueueHooks}): its result, or what it throws. The enter advice returns it (or null: the
 * JDK's method ran); the exit advice turns it into the method's result or exception, since an enter
 * advice cannot throw.
 */
public final class ModelOutcome {
  final Object value;
  final Throwable thrown;

  private ModelOutcome(Object value, Throwable thrown) {
    this.value = value;
    this.thrown = thrown;
  }

  static ModelOutcome returned(Object value) {
    return new ModelOutcome(value, null);
  }

  /** {@code placeholder}: what a method with a primitive result is set to before it throws. */
  static ModelOutcome threw(Throwable thrown, Object placeholder) {
    return new ModelOutcome(placeholder, thrown);
  }

  /** What the method returns: the model's answer, or the JDK's when it ran. */
  public static Object result(Object outcome, Object real) {
    return outcome == null ? real : ((ModelOutcome) outcome).value;
  }

  /** What the method throws: the model's exception, or the JDK's when it ran. */
  public static Throwable thrown(Object outcome, Throwable real) {
    return outcome == null ? real : ((ModelOutcome) outcome).thrown;
  }
}
