package io.ftjvm.bootstrap;

/**
 * What the agent does with a captured event: the record handler writes it to the recording and
 * returns the real value; the replay handler returns the recorded value instead (and reports a
 * divergence when the program asks for something the recording does not hold).
 *
 * <p>Every method runs on the application thread that caused the event, with that thread's
 * re-entrancy guard raised, so nothing the handler does is captured again.
 */
public interface EventHandler {
  /** A clock read ({@link EventKind#CLOCK_MILLIS}, {@code CLOCK_NANOS}, {@code CLOCK_INSTANT}). */
  long clock(ThreadState thread, int kind, long actual);

  /** A seed or hash ({@link EventKind#RANDOM_SEED}, {@code TLR_SEED}, {@code IDENTITY_HASH}). */
  long value(ThreadState thread, int kind, long actual);

  /** Random bytes just produced into {@code bytes}: record them, or overwrite them in replay. */
  void randomBytes(ThreadState thread, int kind, byte[] bytes);

  /**
   * A text value ({@link EventKind#JVM_TEXT}): record logs {@code actual} and answers it, replay
   * answers the recorded text.
   */
  String text(ThreadState thread, int kind, String actual);

  /**
   * Before a socket operation. Returning a {@link IoCall.Replayed} skips the real operation and
   * uses its outcome; returning the call itself runs the real operation.
   */
  IoCall beforeIo(ThreadState thread, IoCall call);

  /** After a real socket operation ran (its result or exception is in the call). */
  void afterIo(ThreadState thread, IoCall call);

  /** {@link #lockAcquired}: this thread's turn, taken. */
  int TURN_TAKEN = 0;

  /** {@link #lockAcquired}: this thread's turn, taken, and other threads wait for this lock. */
  int TURN_TAKEN_WAKE_OTHERS = 1;

  /** {@link #lockAcquired}: not this thread's turn yet; release the lock a moment and ask again. */
  int NOT_YET = -1;

  /** {@link #beforeTryLock}: really try. */
  int TRY_REAL = 0;

  /** {@link #beforeTryLock}: fail without trying (as recorded). */
  int TRY_FAIL = 1;

  /** {@link #beforeTryLock}: it is this thread's turn; acquire (it succeeded when recorded). */
  int TRY_ACQUIRE = 2;

  /**
   * The thread holds the lock (a monitor, or the synchronizer of a java.util.concurrent lock), just
   * acquired or re-acquired after a wait. Record: logs the acquisition. Replay: takes the thread's
   * recorded turn, or answers {@link #NOT_YET}.
   */
  int lockAcquired(ThreadState thread, Object lock);

  /**
   * Before acquiring a lock that can be waited for without holding it. Replay: waits for the turn.
   */
  void beforeLock(ThreadState thread, Object lock);

  /** Before a tryLock; see {@link #TRY_REAL}, {@link #TRY_FAIL}, {@link #TRY_ACQUIRE}. */
  int beforeTryLock(ThreadState thread, Object lock);

  /** A real tryLock failed (record). */
  void tryLockFailed(ThreadState thread, Object lock);

  /**
   * Before an operation on an atomic variable (AtomicInteger and friends). Record: serialises the
   * operations on that object so their order can be logged. Replay: waits for the turn. Returns
   * false for atomics the application does not observe (JDK internals), which are left alone.
   */
  boolean beforeAtomic(ThreadState thread, Object atomic);

  /** After the operation: record logs it (and releases); replay takes the turn. */
  void afterAtomic(ThreadState thread, Object atomic);

  /**
   * Before a whole operation on a concurrent collection that may run application code
   * (ConcurrentHashMap: the keys' hashCode and equals, compute and merge functions). Record: takes
   * the collection's serial lock and logs the operation's turn at once, so the events of the
   * application code inside come after it. Replay: waits for the turn, takes the serial lock, then
   * counts the turn. Unlike an atomic, the guard is not kept raised, so that application code is
   * captured. Returns false for collections the application does not observe, having told the
   * thread ({@link ThreadState#rememberUnordered}): that answer never changes for a collection.
   */
  boolean beforeOrderedCall(ThreadState thread, Object collection);

  /** After it (normally or not): releases the serial lock taken by {@link #beforeOrderedCall}. */
  void afterOrderedCall(ThreadState thread, Object collection);

  /**
   * {@link #acquireBlocking}, {@link #awaitLatch}: not ordered (a JDK-internal semaphore or latch,
   * or a call the real method must answer itself, such as a negative permit count); run the real
   * method.
   */
  int BLOCKING_REAL = 0;

  /** The permits were taken (the latch reached zero): the method returns (true). */
  int BLOCKING_DONE = 1;

  /** The timeout elapsed first: the method returns false. */
  int BLOCKING_TIMED_OUT = 2;

  /** The thread was interrupted (or had been): the method throws InterruptedException. */
  int BLOCKING_INTERRUPTED = 3;

  /**
   * {@link #acquireBlocking}: ask the installed handler again. A process restored from a checkpoint
   * (ft mode) has a new handler; an acquire that was waiting when the checkpoint was taken must go
   * through it (its taking may be in the log's tail, to be replayed, not taken live).
   */
  int BLOCKING_AGAIN = 4;

  /**
   * {@link #acquireBlocking}: the application's code run by an attempt threw (see {@link
   * BlockingAcquire.ApplicationThrew}); the method throws that.
   */
  int BLOCKING_THREW = 5;

  /**
   * Instead of a blocking acquire ({@code timeoutNanos < 0}: untimed; {@code interruptible}: not an
   * uninterruptible form): a Semaphore's permits, a hold of a custom synchronizer. Record: makes
   * {@link BlockingAcquire#attempt}s in the order of {@link BlockingAcquire#key}, waiting in a
   * first-come line between them, and logs the one that succeeded as a turn (a timeout as a failed
   * try), with the {@link QueueView} it was shown if it asked. Replay: waits for the recorded turn
   * and makes the attempt then, showing it the recorded view, or answers the recorded timeout or
   * interrupt. Returns a {@code BLOCKING_} code.
   */
  int acquireBlocking(
      ThreadState thread, BlockingAcquire acquire, long timeoutNanos, boolean interruptible);

  /**
   * The application asks about the threads waiting for {@code key} (a Semaphore, a custom
   * synchronizer): one operation in its order. Record: logs the turn and the {@link QueueView} of
   * its line. Replay: takes the turn and answers the recorded view. Negative when the key is not
   * ordered.
   */
  long queueView(ThreadState thread, Object key);

  /**
   * The application asks which threads wait for {@code key} (see {@link QueuedThreads}): one
   * operation in its order. Record: logs the turn and the logical ids of the threads of the line
   * that answer {@code question}. Replay: takes the turn and answers the threads that carry the
   * recorded ids, first come first. Null when the key is not ordered (the JDK's method runs).
   */
  Thread[] queuedThreads(ThreadState thread, Object key, QueuedThreads question);

  /**
   * The application asked which threads are alive in a group ({@link ThreadListHooks}), and {@code
   * alive} is the JDK's answer. Record: logs the threads' logical ids and answers {@code alive}.
   * Replay: answers the threads of this run that carry the recorded ids.
   */
  Thread[] threadsListed(ThreadState thread, Thread[] alive);

  /**
   * Instead of {@code CountDownLatch.await} ({@code timeoutNanos < 0}: untimed). Record: the real
   * await, a timeout logged as a failed try. Replay: the recorded timeout or interrupt, or an
   * untimed real await (the count reaches zero as the ordered countDowns are replayed). Returns a
   * {@code BLOCKING_} code.
   */
  int awaitLatch(ThreadState thread, java.util.concurrent.CountDownLatch latch, long timeoutNanos);

  /** {@link #beforeWaitCancel}: not ordered (a JDK-internal lock); cancel as without the agent. */
  int CANCEL_REAL = 0;

  /**
   * {@link #beforeWaitCancel}: take the lock, cancel, call {@link #waitCancelled}, let go. Record:
   * always, for an ordered lock. Replay: it is this step's recorded turn.
   */
  int CANCEL_IN_TURN = 1;

  /**
   * {@link #beforeWaitCancel}, replay: the recorded wait did not cancel itself here; answer that a
   * signal came first and let the wait look again.
   */
  int CANCEL_NOT_HERE = 2;

  /**
   * A {@code Condition} wait of an ordered lock ({@code sync}) timed out or saw an interrupt and is
   * about to take itself off the condition's queue, racing any signal (see {@link ConditionWaits}).
   * Replay: waits for the recorded turn of that step, or answers {@link #CANCEL_NOT_HERE}. Returns
   * a {@code CANCEL_} code.
   */
  int beforeWaitCancel(ThreadState thread, Object sync);

  /**
   * A {@code Condition} wait of an ordered lock ({@code sync}) is about to read its own interrupt
   * flag again in its loop (see {@link ConditionWaits#interruptedInLoop}). Replay: true when the
   * recorded wait cannot have made that read, which is then skipped (the thread had seen the
   * interrupt already, without clearing it, and its wait's next step is the re-acquisition: the
   * recorded loop found itself signalled before it read again). Record: false.
   */
  boolean skipsWaitLoopRead(ThreadState thread, Object sync);

  /**
   * A {@code Condition} wait of an ordered lock returned normally. Replay: true when the recorded
   * one ended with the JDK interrupting the thread again (it saw an interrupt and was signalled),
   * which the replayed one did not: the caller then interrupts the thread, in that interrupt's
   * turn. {@code takesSight}: a sight of the interrupt that is next was made inside the wait and is
   * taken here (false after a custom synchronizer's wait, whose re-acquisition is past). Record:
   * false.
   */
  boolean reinterruptedAfterWait(ThreadState thread, boolean takesSight);

  /**
   * The step ran, with the lock held, after {@link #CANCEL_IN_TURN}; {@code cancelled}: the wait is
   * cancelled (no signal came first). Record logs the turn of a cancel; replay takes it.
   */
  void waitCancelled(ThreadState thread, Object sync, boolean cancelled);

  /** What {@code awaitNanos} of an ordered lock's condition answered: record it, or replace it. */
  long waitNanosLeft(ThreadState thread, Object sync, long actual);

  /** {@link #beforeInterrupt}, {@link #beforeInterruptRead}: run the real method, uncaptured. */
  int REAL = 0;

  /** Run the real method, then call the matching after-hook (record: it logs and releases). */
  int REAL_THEN_AFTER = 1;

  /** Replay: skip the real method; it answers false (or, for interrupt(), does nothing more). */
  int ANSWER_FALSE = 2;

  /** Replay: skip the real method; it answers true. */
  int ANSWER_TRUE = 3;

  /**
   * Before {@code target.interrupt()}. Record: takes the target's interrupt order (the after-hook
   * logs it and lets go). Replay: takes the recorded turn and delivers the interrupt logically
   * (answers {@link #ANSWER_FALSE}: the real flag is never set in replay).
   */
  int beforeInterrupt(ThreadState thread, Thread target);

  void afterInterrupt(ThreadState thread, Thread target);

  /**
   * Before a read of an interrupt flag: the thread's own ({@code interrupted()}, which clears it,
   * or {@code isInterrupted()}), or another thread's {@code isInterrupted()}. Record: {@link
   * #REAL_THEN_AFTER}. Replay: the recorded answer, {@link #ANSWER_FALSE} or {@link #ANSWER_TRUE}.
   */
  int beforeInterruptRead(ThreadState thread, Thread target, boolean clears);

  void afterInterruptRead(ThreadState thread, Thread target, boolean clears, boolean result);

  /**
   * Before a blocking call that ends with InterruptedException when the thread is interrupted
   * (sleep, join, Object.wait, lockInterruptibly). Replay: if the recording says the thread saw an
   * interrupt here, waits until that interrupt has been delivered, takes the observation and
   * answers true (the caller throws InterruptedException). Otherwise, and always in record, false.
   * {@code monitor}, if not null, is held by the thread and released while it waits.
   */
  boolean interruptedHere(ThreadState thread, Object monitor);

  /** Record: a blocking call threw InterruptedException (the JVM cleared the flag itself). */
  void interruptThrown(ThreadState thread);

  /**
   * The thread is ending ({@code Thread.exit}, which the JVM calls before it marks the thread dead
   * and wakes its joiners). Record: logs the end on the thread's own order. Replay: waits for that
   * turn, so a join or {@code isAlive()} recorded after it sees everything the thread did.
   */
  void threadEnding(ThreadState thread);

  /**
   * Before {@code target.isAlive()} called from application code. Record: {@link #REAL_THEN_AFTER},
   * with the target's order held until {@link #afterAliveRead}. Replay: the recorded answer, {@link
   * #ANSWER_TRUE} or {@link #ANSWER_FALSE}.
   */
  int beforeAliveRead(ThreadState thread, Thread target);

  void afterAliveRead(ThreadState thread, Thread target, boolean alive);

  /**
   * Before {@code target.getState()} called from application code. Record: null (read it, then
   * {@link #afterStateRead}, with the target's order held in between). Replay: the recorded state.
   */
  Thread.State beforeStateRead(ThreadState thread, Thread target);

  void afterStateRead(ThreadState thread, Thread target, Thread.State state);

  /**
   * Before {@code target.join}, once {@link #interruptedHere} said no. Replay: true when the
   * recorded join returned here; it has waited for that turn (releasing {@code monitor}, if not
   * null, meanwhile) and the caller returns without joining. Record: false.
   */
  boolean joinReturnsHere(ThreadState thread, Thread target, Object monitor);

  /** Record: a join of {@code target} returned (timed out, or the target is not alive). */
  void joined(ThreadState thread, Thread target);

  /**
   * The program writes to stdout: record the bytes, or compare them with the recorded ones. Returns
   * true when the real write must be skipped (recovery: it reached stdout before the crash).
   */
  boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length);

  /**
   * A ForkJoinTask with a state of its own starts to run on the calling thread (see {@link
   * ForkJoinTasks}). Replay: the name of the thread that ran it when recorded, if the task logged
   * events then (else null). Record: null (the stream, and its {@code TASK_RUN} event naming the
   * thread, are written at the task's first event).
   */
  String taskStarts(ThreadState task);

  /**
   * Application code running {@code task} reads its own thread's name (see {@link
   * ForkJoinTasks#nameRead}). Record: opens the task's stream, whose {@code TASK_RUN} names the
   * running thread, so replay gives that name to whichever worker runs the task then, even if the
   * task logs nothing else. Replay: nothing (the name was given when the task started).
   */
  void taskNamed(ThreadState task);

  /** True in replay: waits are driven by the recorded turns, not by notify. */
  boolean replaying();

  /** The program did something this version cannot capture; the handler refuses it clearly. */
  void unsupported(ThreadState thread, String what);

  /** Handler that captures nothing (before the agent is ready, and in mode "off"). */
  EventHandler PASS_THROUGH =
      new EventHandler() {
        @Override
        public long clock(ThreadState thread, int kind, long actual) {
          return actual;
        }

        @Override
        public long value(ThreadState thread, int kind, long actual) {
          return actual;
        }

        @Override
        public void randomBytes(ThreadState thread, int kind, byte[] bytes) {}

        @Override
        public String text(ThreadState thread, int kind, String actual) {
          return actual;
        }

        @Override
        public IoCall beforeIo(ThreadState thread, IoCall call) {
          return call;
        }

        @Override
        public void afterIo(ThreadState thread, IoCall call) {}

        @Override
        public int lockAcquired(ThreadState thread, Object lock) {
          return TURN_TAKEN;
        }

        @Override
        public void beforeLock(ThreadState thread, Object lock) {}

        @Override
        public int beforeTryLock(ThreadState thread, Object lock) {
          return TRY_REAL;
        }

        @Override
        public void tryLockFailed(ThreadState thread, Object lock) {}

        @Override
        public boolean beforeAtomic(ThreadState thread, Object atomic) {
          return false;
        }

        @Override
        public void afterAtomic(ThreadState thread, Object atomic) {}

        @Override
        public boolean beforeOrderedCall(ThreadState thread, Object collection) {
          return false;
        }

        @Override
        public void afterOrderedCall(ThreadState thread, Object collection) {}

        @Override
        public int acquireBlocking(
            ThreadState thread, BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
          return BLOCKING_REAL;
        }

        @Override
        public long queueView(ThreadState thread, Object key) {
          return QueueView.NOT_ANSWERED;
        }

        @Override
        public Thread[] queuedThreads(ThreadState thread, Object key, QueuedThreads question) {
          return null;
        }

        @Override
        public Thread[] threadsListed(ThreadState thread, Thread[] alive) {
          return alive;
        }

        @Override
        public boolean skipsWaitLoopRead(ThreadState thread, Object sync) {
          return false;
        }

        @Override
        public boolean reinterruptedAfterWait(ThreadState thread, boolean takesSight) {
          return false;
        }

        @Override
        public int awaitLatch(
            ThreadState thread, java.util.concurrent.CountDownLatch latch, long timeoutNanos) {
          return BLOCKING_REAL;
        }

        @Override
        public int beforeWaitCancel(ThreadState thread, Object sync) {
          return CANCEL_REAL;
        }

        @Override
        public void waitCancelled(ThreadState thread, Object sync, boolean cancelled) {}

        @Override
        public long waitNanosLeft(ThreadState thread, Object sync, long actual) {
          return actual;
        }

        @Override
        public int beforeInterrupt(ThreadState thread, Thread target) {
          return REAL;
        }

        @Override
        public void afterInterrupt(ThreadState thread, Thread target) {}

        @Override
        public int beforeInterruptRead(ThreadState thread, Thread target, boolean clears) {
          return REAL;
        }

        @Override
        public void afterInterruptRead(
            ThreadState thread, Thread target, boolean clears, boolean result) {}

        @Override
        public boolean interruptedHere(ThreadState thread, Object monitor) {
          return false;
        }

        @Override
        public void interruptThrown(ThreadState thread) {}

        @Override
        public void threadEnding(ThreadState thread) {}

        @Override
        public int beforeAliveRead(ThreadState thread, Thread target) {
          return REAL_THEN_AFTER;
        }

        @Override
        public void afterAliveRead(ThreadState thread, Thread target, boolean alive) {}

        @Override
        public Thread.State beforeStateRead(ThreadState thread, Thread target) {
          return null;
        }

        @Override
        public void afterStateRead(ThreadState thread, Thread target, Thread.State state) {}

        @Override
        public boolean joinReturnsHere(ThreadState thread, Thread target, Object monitor) {
          return false;
        }

        @Override
        public void joined(ThreadState thread, Thread target) {}

        @Override
        public boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length) {
          return false;
        }

        @Override
        public String taskStarts(ThreadState task) {
          return null;
        }

        @Override
        public void taskNamed(ThreadState task) {}

        @Override
        public boolean replaying() {
          return false;
        }

        @Override
        public void unsupported(ThreadState thread, String what) {}
      };
}
