package io.ftjvm.bootstrap;

/**
 * What the agent knows about one application thread.
 *
 * <p>The logical id is derived from creation order (parent id + "." + child index), so a thread has
 * the same id in every run of a program whose threads are created in the same order. The id is used
 * in every determinant and every report. Only the owning thread touches the mutable fields, except
 * the child count, which the parent uses while it constructs a child.
 *
 * <p>A ForkJoinTask handed to a pool has a state of its own, like a thread's (see {@link
 * ForkJoinTasks}): whichever worker runs it, its events go to the task's stream.
 */
public final class ThreadState {
  private final String logicalId;
  private final boolean task;
  private int childCount;

  /**
   * The state just made for a thread this thread is constructing, until the Thread constructor
   * returns and {@link KnownThreads} pairs them (the inherited state is copied into the new thread
   * where nothing can see which thread it went to).
   */
  ThreadState constructing;

  /** Re-entrancy depth: above zero while the agent itself or a captured JDK method is running. */
  int guard;

  /** The handler's per-thread object (a stream writer when recording, a cursor when replaying). */
  public Object stream;

  /** The handler's memo of the socket this thread used last, and its channel id. */
  public Object lastChannel;

  /** A replay step handed from an enter advice to the matching exit advice. */
  public Object pending;

  /** Replay: the recorded lock acquisition this thread is waiting to make. */
  public Object pendingLock;

  /**
   * What the application's own code threw inside a blocking acquire the agent did for it (a custom
   * synchronizer's tryAcquire): the acquire rethrows it. Set and taken on this thread only.
   */
  Throwable thrownInAcquire;

  /**
   * The blocking acquire the agent is doing for this thread, if any: the application's tryAcquire
   * in its attempts asks about the queue, and is answered from the view the agent showed the
   * attempt ({@link QueueQueries}).
   */
  BlockingAcquire attempting;

  /**
   * Depth of calls that cannot be interrupted (ReentrantLock.lock and the like): an interrupt they
   * see only ends in the thread interrupting itself again, at a moment that depends on timing, so
   * interrupt reads and self-interrupts inside them are not events.
   */
  public int uninterruptible;

  /**
   * Set by an application call to a method of StringBuffer, Vector or Hashtable (and their JDK
   * subclasses), until the callee takes its monitor or the call returns: that acquisition is the
   * application's (see {@link SharedMonitorHooks}).
   */
  boolean sharedMonitorCall;

  /**
   * The object a volatile field access of application code is being ordered on, between {@link
   * LockFreeSteps#enterField} and {@link LockFreeSteps#exitField} (only the access itself runs in
   * between, so one slot is enough).
   */
  Object fieldStep;

  /**
   * Depth of application-level polls of the thread's own interrupt flag ({@code
   * Thread.interrupted()} and {@code isInterrupted()} called from application code): each one that
   * answers false is an event, so a loop that polls with nothing else between replays the same
   * number of rounds. The JDK's own reads stay uncounted (their number depends on timing).
   */
  private int polling;

  /**
   * The last collections this thread was told are not ordered (the JDK's own: whether a collection
   * is ordered is decided at its first use and never changes). The JDK's locale and format caches
   * are asked about at every {@code String.format}; remembering them skips the look-up of their
   * state. Strong references, but at most four per thread.
   */
  private final Object[] unordered = new Object[4];

  private int nextUnordered;

  /** Whether {@link #rememberUnordered} was told about this collection lately. */
  public boolean knownUnordered(Object collection) {
    Object[] u = unordered;
    return u[0] == collection || u[1] == collection || u[2] == collection || u[3] == collection;
  }

  /** Called by a handler that found this collection is not ordered, for good. */
  public void rememberUnordered(Object collection) {
    unordered[nextUnordered] = collection;
    nextUnordered = (nextUnordered + 1) & 3;
  }

  /** Whether the read of the interrupt flag under way was made by application code. */
  public boolean polling() {
    return polling != 0;
  }

  /** Around an application-level read of the interrupt flag. */
  public void enterPoll() {
    polling++;
  }

  public void exitPoll() {
    polling--;
  }

  /**
   * Depth of reads of the thread's own flag made by a JDK wait loop that, on a false answer, parks
   * or makes an ordered step at once (see {@link InterruptHooks#interruptedInWait}).
   */
  private int waitReads;

  /** Whether the read of the interrupt flag under way is a wait loop's (see {@link #waitReads}). */
  public boolean waitRead() {
    return waitReads != 0;
  }

  public void enterWaitRead() {
    waitReads++;
  }

  public void exitWaitRead() {
    waitReads--;
  }

  public ThreadState(String logicalId) {
    this(logicalId, false);
  }

  private ThreadState(String logicalId, boolean task) {
    this.logicalId = logicalId;
    this.task = task;
  }

  public String logicalId() {
    return logicalId;
  }

  ThreadState newChild() {
    ThreadState child = new ThreadState(childId(++childCount));
    constructing = child;
    return child;
  }

  /**
   * The state of a ForkJoinTask this thread (or task) hands to a pool: numbered among its children
   * like the threads it creates, in the order it creates both (see {@link ForkJoinTasks}).
   */
  ThreadState newTask() {
    return new ThreadState(childId(++childCount), true);
  }

  /** Ids longer than this are folded (a recording's ids have at most 200 characters). */
  static final int FOLD_ABOVE = 120;

  /**
   * The id of child number {@code index}: this id, a dot and the index. Deep nesting (a recursive
   * task that forks at every level) would make it too long for a recording, so a long id is folded
   * into its first component, a 0 (which no child index is) and a 64-bit hash of the whole: still
   * the same in every run, and distinct with overwhelming odds.
   */
  private String childId(int index) {
    String id = logicalId + "." + index;
    if (id.length() <= FOLD_ABOVE) {
      return id;
    }
    long hash = 0xcbf29ce484222325L; // FNV-1a
    for (int i = 0; i < id.length(); i++) {
      hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
    }
    int dot = id.indexOf('.');
    return id.substring(0, dot) + ".0." + Long.toUnsignedString(hash == 0 ? 1 : hash);
  }

  /** Whether this is a ForkJoinTask's stream rather than a thread's. */
  public boolean isTask() {
    return task;
  }

  public boolean guarded() {
    return guard != 0;
  }

  /** Marks the thread as running agent code: captured events it causes are not recorded. */
  public void enterAgent() {
    guard++;
  }

  public void exitAgent() {
    guard--;
  }

  @Override
  public String toString() {
    return (task ? "task " : "thread ") + logicalId;
  }
}
