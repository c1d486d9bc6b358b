package io.ftjvm.bootstrap;

import java.time.Instant;

/**
 * Entry points that rewritten call sites and inlined advice call.
 *
 * <p>Each hook does the same three things: find the application thread (non-application threads and
 * the agent's own work pass straight through), raise the re-entrancy guard, and hand the event to
 * the installed {@link EventHandler}. A failure inside the agent is logged, never thrown into the
 * application.
 */
public final class Hooks {
  /** False until the agent has installed its handler; also false in mode "off". */
  static volatile boolean active;

  private static EventHandler handler = EventHandler.PASS_THROUGH;

  private Hooks() {}

  /**
   * Loads and initialises every class the hooks use, before any call site is rewritten: loading one
   * of them later, from inside a rewritten JDK method, would be a class-loading circularity.
   */
  public static void preload() {
    Object probe = new Object();
    HashCodeOverrides.overrides(Object.class);
    HashCodeOverrides.overrides(String.class);
    IdentityHashes.get(probe);
    IdentityHashes.putIfAbsent(probe, 0);
    AppThreads.current();
    ExitStatus.status();
    AgentLog.install(AgentLog.current());
    new IoCall.Replayed(IoCall.on(IoCall.READ, probe, null), 0, null);
    EventHandler.PASS_THROUGH.clock(null, EventKind.CLOCK_MILLIS, 0);
    new ThreadState("preload").newChild();
    ThreadLifeHooks.constructing();
    ThreadIdHooks.described("preload");
    JvmReports.number(JvmReports.text("preload").length());
    KnownThreads.logicalId(Thread.currentThread());
    KnownThreads.byId("preload");
    frameInstant(java.time.Instant.EPOCH);
    SyncHooks.monitorEntered(null);
    InterruptHooks.preload();
    ConditionWaits.preload();
    CustomSynchronizers.preload();
    QueueQueries.answer(probe, "getQueueLength");
    ParkHooks.parkNanos(0);
    new WeakIdentityTable<Object>().computeIfAbsent(probe, k -> k);
  }

  /** Called once by the agent, before any instrumentation is installed. */
  public static void install(EventHandler newHandler) {
    handler = newHandler;
    active = true;
  }

  /** Stops capturing (at the end of a recording); hooks pass through from then on. */
  public static void deactivate() {
    active = false;
  }

  public static boolean isActive() {
    return active;
  }

  static EventHandler handler() {
    return handler;
  }

  /** The current application thread, unless capture is off or the agent itself is running. */
  static ThreadState capturing() {
    if (!active) {
      return null;
    }
    ThreadState thread = AppThreads.current();
    return thread == null || thread.guard != 0 ? null : thread;
  }

  // ---- clocks: replaced call sites of System.currentTimeMillis / nanoTime --------------------

  public static long currentTimeMillis() {
    long actual = System.currentTimeMillis();
    ThreadState thread = capturing();
    return thread == null ? actual : clock(thread, EventKind.CLOCK_MILLIS, actual);
  }

  public static long nanoTime() {
    long actual = System.nanoTime();
    ThreadState thread = capturing();
    return thread == null ? actual : clock(thread, EventKind.CLOCK_NANOS, actual);
  }

  private static long clock(ThreadState thread, int kind, long actual) {
    thread.guard++;
    try {
      return handler.clock(thread, kind, actual);
    } catch (Throwable t) {
      AgentLog.error("clock capture failed", t);
      return actual;
    } finally {
      thread.guard--;
    }
  }

  // ---- capture frames: advice around JDK methods whose result is nondeterministic ------------

  /**
   * Opens a capture frame around a JDK method (Clock.instant, Random(), SecureRandom.nextBytes...).
   * Returns true when this frame captures; nested captured calls inside it pass through, so an
   * event is recorded once, at the outermost frame.
   */
  public static boolean enterFrame() {
    ThreadState thread = capturing();
    if (thread == null) {
      return false;
    }
    thread.guard++;
    return true;
  }

  /** Closes a frame opened by {@link #enterFrame()} that returned true. */
  public static void exitFrame() {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.guard--;
    }
  }

  /** Closes a frame around a method returning a clock value (millis): the value in force. */
  public static long exitFrameWithClock(boolean frame, Throwable thrown, int kind, long actual) {
    if (!frame) {
      return actual;
    }
    try {
      return thrown == null ? frameClock(kind, actual) : actual;
    } finally {
      exitFrame();
    }
  }

  /** Closes a frame around a method returning an Instant ("now"): the Instant in force. */
  public static Instant exitFrameWithInstant(boolean frame, Throwable thrown, Instant actual) {
    if (!frame) {
      return actual;
    }
    try {
      return thrown == null ? frameInstant(actual) : actual;
    } finally {
      exitFrame();
    }
  }

  /** Closes a frame around a method returning a seed: the seed in force. */
  public static long exitFrameWithValue(boolean frame, Throwable thrown, int kind, long actual) {
    if (!frame) {
      return actual;
    }
    try {
      return thrown == null ? frameValue(kind, actual) : actual;
    } finally {
      exitFrame();
    }
  }

  /** Closes a frame around a method that produced random bytes (recorded, or replaced in place). */
  public static void exitFrameWithBytes(boolean frame, Throwable thrown, int kind, byte[] bytes) {
    if (!frame) {
      return;
    }
    try {
      if (thrown == null) {
        frameBytes(kind, bytes);
      }
    } finally {
      exitFrame();
    }
  }

  /**
   * After {@code new Random()}: captures the scrambled seed and, in replay, puts the recorded one
   * in its place, all inside one frame (the seed's own atomic operations are not events).
   */
  public static void captureRandomSeed(java.util.concurrent.atomic.AtomicLong seed) {
    if (!enterFrame()) {
      return;
    }
    try {
      long actual = seed.get();
      long value = frameValue(EventKind.RANDOM_SEED, actual);
      if (value != actual) {
        seed.set(value);
      }
    } finally {
      exitFrame();
    }
  }

  /** Inside a frame: a clock value (millis or epoch nanos of an Instant). */
  static long frameClock(int kind, long actual) {
    ThreadState thread = AppThreads.current();
    try {
      return thread == null ? actual : handler.clock(thread, kind, actual);
    } catch (Throwable t) {
      AgentLog.error("clock capture failed", t);
      return actual;
    }
  }

  /** Inside a frame: an Instant, captured as epoch nanoseconds. */
  static Instant frameInstant(Instant actual) {
    if (actual == null) {
      return null;
    }
    long nanos = actual.getEpochSecond() * 1_000_000_000L + actual.getNano();
    long value = frameClock(EventKind.CLOCK_INSTANT, nanos);
    return value == nanos ? actual : Instant.ofEpochSecond(0, value);
  }

  /** Inside a frame: a seed. */
  static long frameValue(int kind, long actual) {
    ThreadState thread = AppThreads.current();
    try {
      return thread == null ? actual : handler.value(thread, kind, actual);
    } catch (Throwable t) {
      AgentLog.error("value capture failed", t);
      return actual;
    }
  }

  /** Inside a frame: random bytes just produced. */
  static void frameBytes(int kind, byte[] bytes) {
    ThreadState thread = AppThreads.current();
    if (thread == null || bytes == null) {
      return;
    }
    try {
      handler.randomBytes(thread, kind, bytes);
    } catch (Throwable t) {
      AgentLog.error("random bytes capture failed", t);
    }
  }

  // ---- console output ---------------------------------------------------------------------

  /** Before a write to a file descriptor: only stdout is an output that replay compares. */
  /**
   * Before a write to stdout. Returns true when the write must not happen: recovery replaying
   * output that already reached stdout before the crash.
   */
  public static boolean consoleWrite(
      java.io.FileDescriptor fd, byte[] bytes, int offset, int length) {
    if (fd != java.io.FileDescriptor.out || bytes == null || length <= 0) {
      return false;
    }
    ThreadState thread = capturing();
    if (thread == null) {
      return false;
    }
    thread.guard++;
    try {
      return handler.consoleWrite(thread, bytes, offset, length);
    } catch (Throwable t) {
      AgentLog.error("console capture failed", t);
      return false;
    } finally {
      thread.guard--;
    }
  }

  public static boolean consoleWrite(java.io.FileDescriptor fd, int b) {
    return fd == java.io.FileDescriptor.out && consoleWrite(fd, new byte[] {(byte) b}, 0, 1);
  }

  // ---- identity hash codes: replaced call sites ----------------------------------------------

  /** Replaces {@code System.identityHashCode(o)} and {@code super.hashCode()} of Object. */
  public static int identityHashCode(Object o) {
    if (o == null) {
      return 0;
    }
    if (!capturedClass(o.getClass())) {
      // Never captured, so never in the table (a Class key of the JDK's own maps, say).
      return System.identityHashCode(o);
    }
    ThreadState thread = capturing();
    if (thread == null) {
      Integer known = active ? IdentityHashes.get(o) : null;
      return known != null ? known : System.identityHashCode(o);
    }
    Integer known = IdentityHashes.get(o);
    if (known != null) {
      return known;
    }
    thread.guard++;
    try {
      int value = (int) handler.value(thread, EventKind.IDENTITY_HASH, System.identityHashCode(o));
      return IdentityHashes.putIfAbsent(o, value);
    } catch (Throwable t) {
      AgentLog.error("identity hash capture failed", t);
      return System.identityHashCode(o);
    } finally {
      thread.guard--;
    }
  }

  /**
   * Whose identity hashes are captured: objects of application and library classes (and arrays of
   * them), and plain {@code java.lang.Object}s (locks, sentinels). JDK objects such as Class,
   * Thread or MemberName are hashed by JDK internals in orders that depend on what has been cached
   * before (the agent's own work included), so capturing them would make replay diverge for reasons
   * the application cannot see.
   */
  private static boolean capturedClass(Class<?> type) {
    return type == Object.class || type.getClassLoader() != null;
  }

  /** Replaces virtual and interface calls of {@code hashCode()}: identity hashes are captured. */
  public static int hashCode(Object o) {
    if (!capturedClass(o.getClass())) {
      // A JDK object's identity hash is never captured, so whether its class has a hashCode of
      // its own does not matter: Object's answers the identity hash. Most keys of hash maps are
      // JDK objects (strings, boxed numbers), and this is the path of every one of them.
      return o.hashCode();
    }
    // Decide whether to capture first: the override check itself uses reflection and hash maps,
    // which come back here guarded and must take the plain path.
    ThreadState thread = capturing();
    if (thread == null) {
      return o.hashCode();
    }
    boolean ownHashCode;
    thread.guard++;
    try {
      ownHashCode = HashCodeOverrides.overrides(o.getClass());
    } finally {
      thread.guard--;
    }
    return ownHashCode ? o.hashCode() : identityHashCode(o);
  }

  // ---- sockets -----------------------------------------------------------------------------

  /**
   * Before a socket operation; returns null when it is not captured. The guard stays raised until
   * {@link #afterIo}, so whatever the JDK does inside the operation is not captured.
   */
  public static IoCall beforeIo(IoCall call) {
    ThreadState thread = capturing();
    if (thread == null) {
      return null;
    }
    thread.guard++;
    try {
      return handler.beforeIo(thread, call);
    } catch (Throwable t) {
      AgentLog.error("socket capture failed before " + call.op, t);
      return call;
    }
  }

  /** After a socket operation (real or replayed); closes what {@link #beforeIo} opened. */
  public static void afterIo(IoCall call, long result, Throwable thrown) {
    if (call == null) {
      return;
    }
    ThreadState thread = AppThreads.current();
    try {
      if (!(call instanceof IoCall.Replayed)) {
        call.result = result;
        call.thrown = thrown;
      }
      if (thread != null) {
        handler.afterIo(thread, call);
      }
    } catch (Throwable t) {
      AgentLog.error("socket capture failed after " + call.op, t);
    } finally {
      if (thread != null) {
        thread.guard--;
      }
    }
  }
}
