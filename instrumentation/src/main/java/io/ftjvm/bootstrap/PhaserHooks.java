package io.ftjvm.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

/**
 * Hooks of {@code Phaser} (see {@link OrderedPhaser}). The enter hook of its public methods does
 * the call in the model and returns its outcome, and the JDK's method is skipped; or returns null
 * and the JDK's method runs (a phaser that is not modelled). The exit advice gets the result or
 * exception from the {@link ModelOutcome}.
 */
public final class PhaserHooks {
  private PhaserHooks() {}

  /** Phaser.state, read once when a phaser is constructed. */
  private static final VarHandle STATE = stateHandle();

  /** Phaser.doRegister(int), for a constructor whose parent is not modelled. */
  private static final MethodHandle DO_REGISTER = doRegisterHandle();

  /** Whether phasers can be modelled: the agent reached the JDK phaser's private parts. */
  public static boolean available() {
    return STATE != null && DO_REGISTER != null && OrderedPhaser.available();
  }

  /** After a constructor: decides, for good, whether the model serves the new phaser. */
  public static void created(Object phaser, Object parent) {
    ThreadState thread = AppThreads.current();
    boolean capturing = Hooks.active && thread != null && thread.guard == 0;
    if (thread != null) {
      thread.guard++;
    }
    try {
      OrderedPhaser.created(
          (Phaser) phaser, (Phaser) parent, (long) STATE.getVolatile(phaser), capturing);
    } catch (Throwable t) {
      AgentLog.error("Phaser capture failed", t);
    } finally {
      if (thread != null) {
        thread.guard--;
      }
    }
  }

  /**
   * Replaces {@code parent.doRegister(registrations)} in the constructor (a child with parties
   * becomes a party of its parent): in the parent's model if it has one.
   */
  public static int registerWithParent(Phaser parent, int registrations) throws Throwable {
    OrderedPhaser model = model(parent);
    if (model != null) {
      return model.register(registrations);
    }
    return (int) DO_REGISTER.invokeExact(parent, registrations);
  }

  /** Before a public method other than forceTermination: a {@link ModelOutcome}, or null. */
  public static Object call(Object phaser, String method, Object[] args) {
    OrderedPhaser model = model(phaser);
    if (model == null) {
      return null;
    }
    try {
      return ModelOutcome.returned(run(model, method, args));
    } catch (Throwable t) {
      return ModelOutcome.threw(t, 0); // 0: an int method's result before it throws
    }
  }

  private static Object run(OrderedPhaser model, String method, Object[] args) throws Exception {
    switch (method) {
      case "register":
        return model.register(1);
      case "bulkRegister":
        return model.register((Integer) args[0]);
      case "arrive":
        return model.arrive(OrderedPhaser.ONE_ARRIVAL);
      case "arriveAndDeregister":
        return model.arrive(OrderedPhaser.ONE_DEREGISTER);
      case "arriveAndAwaitAdvance":
        return model.arriveAndAwaitAdvance();
      case "awaitAdvance":
        return model.awaitAdvance((Integer) args[0], false, -1);
      case "awaitAdvanceInterruptibly":
        long nanos =
            args.length == 1 ? -1 : Math.max(0, ((TimeUnit) args[2]).toNanos((Long) args[1]));
        return model.awaitAdvance((Integer) args[0], true, nanos);
      case "getPhase":
        return model.read(OrderedPhaser.Reading.PHASE);
      case "getRegisteredParties":
        return model.read(OrderedPhaser.Reading.REGISTERED);
      case "getArrivedParties":
        return model.read(OrderedPhaser.Reading.ARRIVED);
      case "getUnarrivedParties":
        return model.read(OrderedPhaser.Reading.UNARRIVED);
      case "isTerminated":
        return model.read(OrderedPhaser.Reading.TERMINATED) == 1;
      case "toString":
        return model.describe();
      default:
        throw new IllegalStateException("Phaser." + method + " is not modelled");
    }
  }

  /** forceTermination: true when the model did it (the JDK's method is skipped). */
  public static boolean forceTermination(Object phaser) {
    OrderedPhaser model = model(phaser);
    if (model == null) {
      return false;
    }
    model.forceTermination();
    return true;
  }

  /** The model of this phaser, or null; looked up with the guard up (the table is the agent's). */
  private static OrderedPhaser model(Object phaser) {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.guard++;
    }
    try {
      return OrderedPhaser.of(phaser);
    } catch (Throwable t) {
      AgentLog.error("Phaser capture failed", t);
      return null;
    } finally {
      if (thread != null) {
        thread.guard--;
      }
    }
  }

  private static VarHandle stateHandle() {
    try {
      return MethodHandles.privateLookupIn(Phaser.class, MethodHandles.lookup())
          .findVarHandle(Phaser.class, "state", long.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot read Phaser.state: phasers are not ordered", e);
      return null;
    }
  }

  private static MethodHandle doRegisterHandle() {
    try {
      return MethodHandles.privateLookupIn(Phaser.class, MethodHandles.lookup())
          .findVirtual(Phaser.class, "doRegister", MethodType.methodType(int.class, int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot register with a Phaser's parent: phasers are not ordered", e);
      return null;
    }
  }
}
