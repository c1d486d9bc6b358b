package io.ftjvm.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code Phaser} created while capture is on, as application threads use it.
 *
 * <p>The JDK's phaser is lock-free: every arrival and registration is a compare-and-set on one
 * {@code long}, and a waiter spins, then parks, until the phase moves; how many times it looks
 * depends on timing, and which arrival is the last (the one that runs {@code onAdvance}) is a race
 * the agent cannot order from outside. Here the JDK's own logic runs on the same encoding of the
 * state, with every step under one {@link ReentrantLock} per tree of phasers (the root's) and waits
 * on its {@link Condition}; the agent orders that lock and condition like the application's own, so
 * who arrived last, what each call answered and which waits timed out or were interrupted follow
 * from the recorded lock order. The answers are those of the JDK's code (for instance, the last
 * party of {@code arriveAndAwaitAdvance} gets the next phase, the others what the root's state says
 * when they wake).
 *
 * <p>Which phasers are modelled is decided when one is constructed: by an application thread under
 * capture, or as the child of a modelled phaser, for good; otherwise the JDK's code serves it and
 * its children. A modelled phaser's own fields are never used after its constructor. {@code
 * onAdvance} runs with the lock released, as the JDK runs it before the state moves on: meanwhile
 * registrations wait and the phase is still the old one.
 */
public final class OrderedPhaser {
  // The JDK's encoding (java.util.concurrent.Phaser): phase (high 32 bits, negative when
  // terminated), parties (16 bits), unarrived parties (16 bits); EMPTY when there are no parties.
  private static final int MAX_PARTIES = 0xffff;
  private static final int MAX_PHASE = Integer.MAX_VALUE;
  private static final int PARTIES_SHIFT = 16;
  private static final int PHASE_SHIFT = 32;
  private static final int UNARRIVED_MASK = 0xffff;
  private static final long PARTIES_MASK = 0xffff0000L;
  private static final long COUNTS_MASK = 0xffffffffL;
  private static final long TERMINATION_BIT = 1L << 63;
  static final int ONE_ARRIVAL = 1;
  static final int ONE_DEREGISTER = ONE_ARRIVAL | (1 << PARTIES_SHIFT);
  private static final int EMPTY = 1;

  private static final WeakIdentityTable<OrderedPhaser> PHASERS = new WeakIdentityTable<>();

  /** Phaser.onAdvance(int, int): protected, so called through a handle (virtual: overrides run). */
  private static final MethodHandle ON_ADVANCE = onAdvanceHandle();

  /** The phaser (weakly: the table's value must not keep its key alive), for onAdvance. */
  private final WeakReference<Phaser> phaser;

  private final OrderedPhaser parent;
  private final OrderedPhaser root;
  private final ReentrantLock lock;
  private final Condition advanced;
  private long state;

  private OrderedPhaser(Phaser phaser, OrderedPhaser parent, long state) {
    this.phaser = new WeakReference<>(phaser);
    this.parent = parent;
    this.root = parent == null ? this : parent.root;
    this.lock = parent == null ? new ReentrantLock() : root.lock;
    this.advanced = parent == null ? lock.newCondition() : root.advanced;
    this.state = state;
  }

  /** Whether onAdvance can be called (without it, the phaser's hooks are not installed). */
  static boolean available() {
    return ON_ADVANCE != null;
  }

  /** The model serving {@code phaser}, or null when the JDK's code does. */
  static OrderedPhaser of(Object phaser) {
    return PHASERS.get(phaser);
  }

  /**
   * A phaser was constructed with state {@code state}: modelled if made under capture ({@code
   * capturing}) with no parent, or if its parent is modelled.
   */
  static void created(Phaser phaser, Phaser parentPhaser, long state, boolean capturing) {
    OrderedPhaser parentModel = parentPhaser == null ? null : of(parentPhaser);
    if (parentPhaser == null ? capturing : parentModel != null) {
      PHASERS.put(phaser, new OrderedPhaser(phaser, parentModel, state));
    }
  }

  // ---- The public methods, each one step under the tree's lock (called without the guard). ----

  /** register(), bulkRegister(n): registered at once, or after waiting out an advance. */
  int register(int parties) {
    if (parties < 0) {
      throw new IllegalArgumentException();
    }
    lock.lock();
    try {
      return parties == 0 ? getPhaseHeld() : doRegister(parties);
    } finally {
      lock.unlock();
    }
  }

  /** arrive() and arriveAndDeregister(): {@link #ONE_ARRIVAL} or {@link #ONE_DEREGISTER}. */
  int arrive(int adjust) {
    lock.lock();
    try {
      return doArrive(adjust);
    } finally {
      lock.unlock();
    }
  }

  int arriveAndAwaitAdvance() {
    lock.lock();
    try {
      return doArriveAndAwaitAdvance();
    } finally {
      lock.unlock();
    }
  }

  /**
   * awaitAdvance (not {@code interruptible}), awaitAdvanceInterruptibly, and with {@code nanos} of
   * 0 or more the timed one.
   */
  int awaitAdvance(int phase, boolean interruptible, long nanos)
      throws InterruptedException, TimeoutException {
    lock.lock();
    try {
      long s = root == this ? state : reconcileState();
      int p = (int) (s >>> PHASE_SHIFT);
      if (phase < 0) {
        return phase;
      }
      if (p == phase) {
        p = root.internalAwaitAdvance(phase, interruptible, nanos);
        if (nanos >= 0 && p == phase) {
          throw new TimeoutException();
        }
      }
      return p;
    } finally {
      lock.unlock();
    }
  }

  void forceTermination() {
    lock.lock();
    try {
      long s = root.state;
      if (s >= 0) {
        root.state = s | TERMINATION_BIT;
        advanced.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** What the getters read: {@link Reading}. */
  int read(Reading what) {
    lock.lock();
    try {
      switch (what) {
        case PHASE:
          return getPhaseHeld();
        case REGISTERED:
          return partiesOf(state);
        case ARRIVED:
          return arrivedOf(reconcileState());
        case UNARRIVED:
          return unarrivedOf(reconcileState());
        default: // TERMINATED
          return root.state < 0 ? 1 : 0;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The getters: getPhase, getRegisteredParties, ..., isTerminated (1: true). */
  enum Reading {
    PHASE,
    REGISTERED,
    ARRIVED,
    UNARRIVED,
    TERMINATED
  }

  /** toString: Object's, then "[phase = p parties = n arrived = a]", as the JDK's. */
  String describe() {
    long s;
    lock.lock();
    try {
      s = reconcileState();
    } finally {
      lock.unlock();
    }
    return stateString(s);
  }

  // ---- The JDK's logic, with the lock held: a compare-and-set there is an assignment here. ----

  /**
   * Takes one arrival of the current phase ({@code adjust}: one arrival, or one arrival and one
   * party less): answers how many parties had not arrived before it, or 0 if the phaser is
   * terminated (nothing taken). An arrival no party is left to make throws, as in the JDK.
   */
  private int takeArrival(int adjust) {
    long s = root == this ? state : reconcileState();
    if ((int) (s >>> PHASE_SHIFT) < 0) {
      return 0;
    }
    int unarrived = unarrivedOf(s);
    if (unarrived <= 0) {
      throw new IllegalStateException(badArrive(s));
    }
    state = s - adjust;
    return unarrived;
  }

  private int doArrive(int adjust) {
    int unarrived = takeArrival(adjust);
    long s = state;
    int phase = (int) (s >>> PHASE_SHIFT);
    if (unarrived == 1) {
      int nextUnarrived = (int) (s & PARTIES_MASK) >>> PARTIES_SHIFT;
      if (root == this) {
        advance(s, phase, nextUnarrived);
      } else if (nextUnarrived == 0) { // its last party left: it leaves its parent
        phase = parent.doArrive(ONE_DEREGISTER);
        if (state == s) {
          state = s | EMPTY;
        }
      } else {
        phase = parent.doArrive(ONE_ARRIVAL);
      }
    }
    return phase;
  }

  private int doArriveAndAwaitAdvance() {
    int unarrived = takeArrival(ONE_ARRIVAL);
    long s = state;
    int phase = (int) (s >>> PHASE_SHIFT);
    if (unarrived == 0) {
      return phase; // terminated
    }
    if (unarrived > 1) {
      return root.uninterruptibleAwait(phase);
    }
    if (root != this) {
      return parent.doArriveAndAwaitAdvance();
    }
    int nextUnarrived = (int) (s & PARTIES_MASK) >>> PARTIES_SHIFT;
    return advance(s, phase, nextUnarrived) ? (phase + 1) & MAX_PHASE : getPhaseHeld();
  }

  /**
   * The root's last arrival of {@code phase} left state {@code s}: runs onAdvance (the lock
   * released meanwhile), then moves to the next phase, or terminates. False if the phaser was
   * terminated meanwhile (the JDK's compare-and-set failed then, and the state stays terminated).
   */
  private boolean advance(long s, int phase, int nextUnarrived) {
    long n = s & PARTIES_MASK;
    if (onAdvance(phase, nextUnarrived)) {
      n |= TERMINATION_BIT;
    } else if (nextUnarrived == 0) {
      n |= EMPTY;
    } else {
      n |= nextUnarrived;
    }
    n |= (long) ((phase + 1) & MAX_PHASE) << PHASE_SHIFT;
    if (state != s) {
      return false;
    }
    state = n;
    advanced.signalAll();
    return true;
  }

  private int doRegister(int registrations) {
    long adjust = ((long) registrations << PARTIES_SHIFT) | registrations;
    while (true) {
      long s = parent == null ? state : reconcileState();
      int counts = (int) s;
      int parties = counts >>> PARTIES_SHIFT;
      int unarrived = counts & UNARRIVED_MASK;
      if (registrations > MAX_PARTIES - parties) {
        throw new IllegalStateException(badRegister(s));
      }
      int phase = (int) (s >>> PHASE_SHIFT);
      if (phase < 0) {
        return phase;
      }
      if (counts != EMPTY) {
        if (unarrived == 0) { // all arrived: wait out the advance, then look again
          root.uninterruptibleAwait(phase);
        } else {
          state = s + adjust;
          return phase;
        }
      } else if (parent == null) { // a root's first parties
        state = ((long) phase << PHASE_SHIFT) | adjust;
        return phase;
      } else { // a child's first parties: it becomes one party of its parent
        phase = parent.doRegister(1);
        if (phase >= 0) {
          state = ((long) phase << PHASE_SHIFT) | adjust;
        }
        return phase;
      }
    }
  }

  /** A child's state caught up with its root's phase, as the JDK's reconcileState does. */
  private long reconcileState() {
    long s = state;
    if (root != this) {
      int phase = (int) (root.state >>> PHASE_SHIFT);
      if (phase != (int) (s >>> PHASE_SHIFT)) {
        int p = (int) s >>> PARTIES_SHIFT;
        long counts = phase < 0 ? s & COUNTS_MASK : p == 0 ? EMPTY : (s & PARTIES_MASK) | p;
        state = s = ((long) phase << PHASE_SHIFT) | counts;
      }
    }
    return s;
  }

  private int uninterruptibleAwait(int phase) {
    try {
      return internalAwaitAdvance(phase, false, -1);
    } catch (InterruptedException e) {
      throw new IllegalStateException("an uninterruptible wait was interrupted", e);
    }
  }

  /**
   * On the root: waits until the phase is no longer {@code phase} and answers the new one; or until
   * {@code nanos} (0 or more) are up, answering {@code phase}. A move of the phase wins over an
   * interrupt, as in the JDK; an interrupt otherwise throws if {@code interruptible}, and is kept
   * for the caller if not.
   */
  private int internalAwaitAdvance(int phase, boolean interruptible, long nanos)
      throws InterruptedException {
    boolean interrupted = false;
    long left = nanos;
    try {
      int p;
      while ((p = (int) (state >>> PHASE_SHIFT)) == phase) {
        try {
          if (nanos < 0) {
            advanced.await();
          } else if (left <= 0) {
            return phase;
          } else {
            left = advanced.awaitNanos(left);
          }
        } catch (InterruptedException e) {
          if ((int) (state >>> PHASE_SHIFT) != phase || !interruptible) {
            interrupted = true;
          } else {
            throw e;
          }
        }
      }
      return p;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int getPhaseHeld() {
    return (int) (root.state >>> PHASE_SHIFT);
  }

  /** The root phaser's onAdvance, with the lock released as the JDK runs it. */
  private boolean onAdvance(int phase, int registeredParties) {
    Phaser self = phaser.get();
    if (self == null) { // unreachable: a thread is calling one of its methods
      return registeredParties == 0;
    }
    int holds = lock.getHoldCount();
    for (int i = 0; i < holds; i++) {
      lock.unlock();
    }
    try {
      return (boolean) ON_ADVANCE.invokeExact(self, phase, registeredParties);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    } finally {
      for (int i = 0; i < holds; i++) {
        lock.lock();
      }
    }
  }

  private static int unarrivedOf(long s) {
    int counts = (int) s;
    return counts == EMPTY ? 0 : counts & UNARRIVED_MASK;
  }

  private static int partiesOf(long s) {
    return (int) s >>> PARTIES_SHIFT;
  }

  private static int arrivedOf(long s) {
    int counts = (int) s;
    return counts == EMPTY ? 0 : (counts >>> PARTIES_SHIFT) - (counts & UNARRIVED_MASK);
  }

  private String badArrive(long s) {
    return "Attempted arrival of unregistered party for " + stateString(s);
  }

  private String badRegister(long s) {
    return "Attempt to register more than " + MAX_PARTIES + " parties for " + stateString(s);
  }

  private String stateString(long s) {
    Phaser self = phaser.get();
    String identity =
        self == null
            ? "java.util.concurrent.Phaser"
            : self.getClass().getName() + "@" + Integer.toHexString(self.hashCode());
    return identity
        + "[phase = "
        + (int) (s >>> PHASE_SHIFT)
        + " parties = "
        + partiesOf(s)
        + " arrived = "
        + arrivedOf(s)
        + "]";
  }

  private static MethodHandle onAdvanceHandle() {
    try {
      return MethodHandles.privateLookupIn(Phaser.class, MethodHandles.lookup())
          .findVirtual(
              Phaser.class,
              "onAdvance",
              MethodType.methodType(boolean.class, int.class, int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot call Phaser.onAdvance: phasers are not ordered", e);
      return null;
    }
  }
}
