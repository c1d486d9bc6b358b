package io.ftjvm.bootstrap;

/**
 * Which objects an ordered model serves instead of the JDK's code ({@link OrderedHandoff}, {@link
 * OrderedExchanger}, {@link OrderedTransferQueue}), decided once per object by its first use: by an
 * application thread under capture, modelled for good (every later caller, captured or not, meets
 * its peers in the model, which holds the object's state); otherwise the JDK's code, for good. Two
 * worlds never share an object.
 *
 * @param <M> the model
 */
abstract class FirstUseModels<M> {
  private final WeakIdentityTable<M> models = new WeakIdentityTable<>();

  /** Marks an object first used outside capture: the JDK's code serves it. */
  private final M real;

  private final String what;

  /** {@code real}: a model never used, standing for "the JDK's"; {@code what}: for the log. */
  FirstUseModels(M real, String what) {
    this.real = real;
    this.what = what;
  }

  /** A new model, for an object first used under capture. */
  abstract M create();

  /**
   * The model serving {@code object}, or null for the JDK's code; the first call decides, by
   * whether the calling thread is captured. The look-up runs with the thread's guard up (the table
   * is the agent's), so deciding never logs an event; a failure is logged and answers null.
   */
  final M lookUp(Object object) {
    ThreadState thread = AppThreads.current();
    boolean capturing = Hooks.active && thread != null && thread.guard == 0;
    if (thread != null) {
      thread.guard++;
    }
    try {
      return decide(object, capturing);
    } catch (Throwable t) {
      AgentLog.error(what + " capture failed", t);
      return null;
    } finally {
      if (thread != null) {
        thread.guard--;
      }
    }
  }

  /** As {@link #lookUp}, with the first use's side given ({@code capturing}); for tests too. */
  final M decide(Object object, boolean capturing) {
    M model = models.get(object);
    if (model == null) {
      model = models.putIfAbsent(object, capturing ? create() : real);
    }
    return model == real ? null : model;
  }
}
