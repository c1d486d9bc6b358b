package io.ftjvm.bootstrap;

/**
 * The JDK's synchronized collections: StringBuffer, Vector (and Stack), Hashtable (and Properties)
 * and the Collections.synchronized* wrappers. Their monitors order what threads sharing one see,
 * and are taken inside JDK classes, which the application rewriting never sees.
 *
 * <p>Only the application's own use is ordered. The JDK uses these classes internally all the time
 * (SimpleDateFormat formats into a new StringBuffer, a StringWriter writes into one, security
 * providers are Properties), where ordering would log events for nothing the application sees, and
 * deciding per object who uses it first (a stack walk) made a date format 8 times slower. So the
 * decision is made where it is cheap:
 *
 * <ul>
 *   <li>StringBuffer, Vector, Hashtable: an application call site of one of their methods raises a
 *       flag on its thread ({@link #callStarts}); the callee's synchronized entry takes the flag
 *       down and orders its monitor like an application monitor ({@link #methodEntered}). A JDK
 *       caller raises no flag, and its entries cost a field read.
 *   <li>Collections.synchronized*: the wrappers an application creates are noted ({@link
 *       #wrapperCreated}, at its call sites of the factories); their blocks order the mutex only
 *       for those ({@link #wrapperMonitorEntered}).
 * </ul>
 */
public final class SharedMonitorHooks {
  private static final WeakIdentityTable<Boolean> APPLICATION_WRAPPERS = new WeakIdentityTable<>();

  private SharedMonitorHooks() {}

  /** Before an application's call to a StringBuffer, Vector or Hashtable method. */
  public static void callStarts() {
    ThreadState thread = Hooks.capturing();
    if (thread != null) {
      thread.sharedMonitorCall = true;
    }
  }

  /** After it returned (if it threw, the next entry may find the flag up: an extra turn only). */
  public static void callEnded() {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.sharedMonitorCall = false;
    }
  }

  /** Entry of a synchronized method of StringBuffer, Vector or Hashtable (monitor just taken). */
  public static void methodEntered(Object self) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || !thread.sharedMonitorCall) {
      return;
    }
    thread.sharedMonitorCall = false; // its own calls inside are the JDK's
    SyncHooks.monitorEntered(self);
  }

  /** After an application's Collections.synchronizedList (Map, Set, ...): the new wrapper. */
  public static void wrapperCreated(Object wrapper) {
    ThreadState thread = AppThreads.current();
    if (wrapper == null || thread == null) {
      return;
    }
    thread.guard++;
    try {
      APPLICATION_WRAPPERS.putIfAbsent(wrapper, Boolean.TRUE);
    } finally {
      thread.guard--;
    }
  }

  /** After monitorenter inside a Collections.synchronized* wrapper (the mutex just taken). */
  public static void wrapperMonitorEntered(Object mutex) {
    ThreadState thread = Hooks.capturing();
    if (thread == null || mutex == null) {
      return;
    }
    boolean applications;
    thread.guard++;
    try {
      applications = APPLICATION_WRAPPERS.get(mutex) != null;
    } finally {
      thread.guard--;
    }
    if (applications) {
      SyncHooks.monitorEntered(mutex);
    }
  }
}
