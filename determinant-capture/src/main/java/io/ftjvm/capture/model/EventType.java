package io.ftjvm.capture.model;

/**
 * The kinds of nondeterministic event a determinant records.
 *
 * <p>{@link #code()} is part of the on-disk format (docs/recording-format.md): codes are never
 * reused or renumbered; a new kind gets a new code. The fields a type carries decide its record
 * layout, so they are fixed per code as well.
 */
public enum EventType {
  CLOCK_MILLIS(1, "millis", F.VALUE | F.CLOCK),
  CLOCK_NANOS(2, "nanos", F.VALUE | F.CLOCK),
  /** value = nanoseconds since the epoch. */
  CLOCK_INSTANT(3, "instant", F.VALUE | F.CLOCK),
  RANDOM_SEED(4, "seed", F.VALUE),
  TLR_SEED(5, "tlr-seed", F.VALUE),
  IDENTITY_HASH(6, "idhash", F.VALUE),
  SECURE_RANDOM(7, "secure-random", F.BYTES),
  /** channel, value = local port. */
  SOCKET_BIND(8, "bind", F.CHANNEL | F.VALUE),
  /** channel = the new channel's id, value = remote port, text = remote address. */
  SOCKET_ACCEPT(9, "accept", F.CHANNEL | F.VALUE | F.TEXT),
  /** channel, value = remote port, text = remote host/address. */
  SOCKET_CONNECT(10, "connect", F.CHANNEL | F.VALUE | F.TEXT),
  /** channel, bytes = what the read returned (may be empty). */
  SOCKET_READ(11, "read", F.CHANNEL | F.BYTES),
  /** channel: the read returned -1. */
  SOCKET_EOF(12, "eof", F.CHANNEL),
  SOCKET_WRITE(13, "write", F.CHANNEL | F.BYTES),
  SOCKET_CLOSE(14, "close", F.CHANNEL),
  /** channel, text = "exception.Class: message". */
  SOCKET_ERROR(15, "sock-error", F.CHANNEL | F.TEXT),
  /** text = the child's logical thread id. */
  THREAD_START(16, "thread-start", F.TEXT),
  SOCKET_AVAILABLE(17, "available", F.CHANNEL | F.VALUE),
  /**
   * value = what select returned, bytes = the selected keys in order: varint channel, varint ready
   * ops.
   */
  SELECT(18, "select", F.VALUE | F.BYTES),
  /** channel = the lock's logical id, value = its acquisition index (0, 1, 2, ... per lock). */
  LOCK_ACQUIRE(19, "lock", F.CHANNEL | F.VALUE),
  /**
   * channel = the lock's logical id (-1 if it was never acquired yet): a tryLock that failed, or a
   * timed Semaphore acquire or CountDownLatch await that timed out.
   */
  LOCK_TRY_FAILED(20, "trylock-failed", F.CHANNEL),
  /** channel = 1 (stdout), bytes = what the program wrote to it: an output replay compares. */
  CONSOLE_WRITE(21, "stdout", F.CHANNEL | F.BYTES),
  /**
   * {@code Thread.interrupt()}: channel = the interrupted thread's interrupt order (a lock id),
   * value = its index in that order.
   */
  INTERRUPT(22, "interrupt", F.CHANNEL | F.VALUE),
  /**
   * The thread first saw an interrupt ({@code interrupted()} or {@code isInterrupted()} returned
   * true, or a blocking call threw InterruptedException; later reads of the same interrupt are not
   * events): channel, value as for INTERRUPT.
   */
  INTERRUPTED(23, "interrupted", F.CHANNEL | F.VALUE),
  /** Another thread's {@code isInterrupted()} answered false: channel, value as for INTERRUPT. */
  INTERRUPT_CHECK(24, "interrupt-check", F.CHANNEL | F.VALUE),
  /** Another thread's {@code isInterrupted()} answered true: channel, value as for INTERRUPT. */
  INTERRUPT_CHECK_SET(25, "interrupt-check-set", F.CHANNEL | F.VALUE),
  /**
   * The thread ended ({@code Thread.exit}, before the JVM marks it dead): channel = its own
   * interrupt order, which also orders its life, value = the index in it.
   */
  THREAD_END(26, "thread-end", F.CHANNEL | F.VALUE),
  /**
   * A {@code join} of the thread returned (it did not end in InterruptedException): channel = the
   * joined thread's order, value as for INTERRUPT.
   */
  THREAD_JOINED(27, "joined", F.CHANNEL | F.VALUE),
  /** {@code isAlive()} answered true: channel = the thread's order, value as for INTERRUPT. */
  THREAD_ALIVE(28, "alive", F.CHANNEL | F.VALUE),
  /** {@code isAlive()} answered false: channel, value as for THREAD_ALIVE. */
  THREAD_NOT_ALIVE(29, "not-alive", F.CHANNEL | F.VALUE),
  /**
   * {@code getState()} called from application code: channel, value as for THREAD_ALIVE, text = the
   * state it answered ({@code Thread.State} name).
   */
  THREAD_STATE(30, "state", F.CHANNEL | F.VALUE | F.TEXT),
  /**
   * The first event of a ForkJoinTask's stream: text = the name of the thread that ran the task (a
   * pool worker, or a thread that ran it while joining it).
   */
  TASK_RUN(31, "task-run", F.TEXT),
  /**
   * A {@code Condition} wait that timed out or saw an interrupt took itself off the condition's
   * queue (or tried to: a signal may have taken it first), holding the condition's lock: channel =
   * the lock's logical id, value = the turn, numbered with the lock's acquisitions.
   */
  WAIT_CANCEL(32, "wait-cancel", F.CHANNEL | F.VALUE),
  /** What {@code Condition.awaitNanos} answered: the nanoseconds left (zero or less: timed out). */
  WAIT_NANOS(33, "wait-nanos", F.VALUE),
  /**
   * What the application was told of the threads waiting for a synchronizer the agent orders (a
   * Semaphore, or one the application built on the queued synchronizers), whose threads wait in the
   * agent rather than in the JDK's queue: value = length &lt;&lt; 2 | ever-contended &lt;&lt; 1 |
   * some-thread-ahead-of-the-caller. Follows the turn of the question, or of the acquisition whose
   * tryAcquire asked.
   */
  QUEUE_VIEW(34, "queue-view", F.VALUE),
  /**
   * Which threads the application was told wait for such a synchronizer ({@code getQueuedThreads},
   * {@code getExclusiveQueuedThreads}, {@code getSharedQueuedThreads}, {@code
   * getFirstQueuedThread}, {@code isQueued}): text = the answer's logical thread ids, first come
   * first, separated by spaces (empty: none). Follows the turn of the question.
   */
  QUEUED_THREADS(35, "queued-threads", F.TEXT),
  /**
   * What the application was told when it asked how many threads are alive in a group ({@code
   * Thread.activeCount()}, {@code ThreadGroup.activeCount()}): value = the count.
   */
  THREAD_COUNT(36, "thread-count", F.VALUE),
  /**
   * Which threads the application was told are alive in a group ({@code Thread.enumerate}, {@code
   * ThreadGroup.enumerate}): text = one line per thread, its logical id, or {@code ~} and its name
   * for a thread that is not the application's; the whole list, even where the application's array
   * was shorter.
   */
  THREADS_LISTED(37, "threads-listed", F.TEXT),
  /**
   * A thread's id as application code read it ({@code getId()}, {@code threadId()}): value = the
   * id. The JVM numbers every thread it makes, its own and the agent's among them, so the same
   * program's threads get other ids from run to run.
   */
  THREAD_ID(38, "thread-id", F.VALUE),
  /**
   * A number the JVM reports about itself or its processes, as application code read it: a process
   * id ({@code ProcessHandle.pid()}, {@code Process.pid()}, {@code RuntimeMXBean.getPid()}), the
   * uptime and start time, free and total memory, a thread's or the process's CPU time and
   * allocated bytes, the machine's memory and swap; or a thread pool's statistics (busy workers,
   * finished, queued and stolen tasks): value = the number (1 or 0 for a yes or no).
   */
  JVM_VALUE(39, "jvm-value", F.VALUE),
  /** Such a report as text ({@code RuntimeMXBean.getName()}, {@code pid@host}): text = the text. */
  JVM_TEXT(40, "jvm-text", F.TEXT),
  /**
   * What {@code Thread.toString()} answered on an application thread: text = the description. Its
   * group is gone once the thread has ended, and from Java 19 on it shows the thread's id.
   */
  THREAD_TEXT(41, "thread-text", F.TEXT),
  /**
   * A real number the JVM reports about the machine or itself (the load average, the system's and
   * the process's CPU load): value = its bits ({@code Double.doubleToRawLongBits}), so the replay
   * answers exactly what was read, NaN and -1.0 included. A kind of its own, not a JVM_VALUE, so
   * that a reader of the log can show the number.
   */
  JVM_REAL(42, "jvm-real", F.VALUE),
  /**
   * What {@code Thread.getAllStackTraces()} called from application code answered, after the
   * THREADS_LISTED of its threads: text = their stack traces, in the same order, without the
   * agent's frames (the layout: docs/recording-format.md).
   */
  STACK_TRACES(43, "stack-traces", F.TEXT),
  /**
   * What a ThreadMXBean's {@code getThreadInfo} or {@code dumpAllThreads} called from application
   * code answered: text = the ThreadInfos in the JDK's open-data form, an item per line, without
   * the agent's threads (in a dump) or frames (the layout: docs/recording-format.md).
   */
  THREAD_INFO(44, "thread-info", F.TEXT);

  /** Field bits; a nested class because enum constants cannot forward-reference statics. */
  private static final class F {
    static final int CHANNEL = 1, VALUE = 2, BYTES = 4, TEXT = 8, CLOCK = 16;
  }

  /** Largest code the record tag can hold (its low six bits); see the format document. */
  public static final int MAX_CODE = 63;

  private static final EventType[] BY_CODE = new EventType[MAX_CODE + 1];

  static {
    for (EventType t : values()) {
      if (BY_CODE[t.code] != null) {
        throw new ExceptionInInitializerError("duplicate event code " + t.code);
      }
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final String displayName;
  private final int fields;
  private final int clockIndex;

  EventType(int code, String displayName, int fields) {
    this.code = code;
    this.displayName = displayName;
    this.fields = fields;
    // Clock types index a small per-stream array of previous values (delta base).
    this.clockIndex = (fields & F.CLOCK) != 0 ? code - 1 : -1;
  }

  /** Stable one-byte code, part of the on-disk format; 1..63 (0 means "no record"). */
  public int code() {
    return code;
  }

  /** The type with this code; {@link IllegalArgumentException} if none. */
  public static EventType fromCode(int code) {
    EventType t = lookup(code);
    if (t == null) {
      throw new IllegalArgumentException("unknown event type code " + code);
    }
    return t;
  }

  /** The type with this code, or null if none (for readers that report their own error). */
  public static EventType lookup(int code) {
    return code > 0 && code <= MAX_CODE ? BY_CODE[code] : null;
  }

  public boolean hasChannel() {
    return (fields & F.CHANNEL) != 0;
  }

  public boolean hasValue() {
    return (fields & F.VALUE) != 0;
  }

  public boolean hasBytes() {
    return (fields & F.BYTES) != 0;
  }

  public boolean hasText() {
    return (fields & F.TEXT) != 0;
  }

  /** Clock values are delta-encoded against the previous value of the same type in a stream. */
  public boolean isClock() {
    return (fields & F.CLOCK) != 0;
  }

  /** 0..{@link #CLOCK_TYPES}-1 for clock types, -1 otherwise. */
  public int clockIndex() {
    return clockIndex;
  }

  /** Number of clock types (size of a per-stream delta-base array). */
  public static final int CLOCK_TYPES = 3;

  /**
   * Whether the channel is a lock's logical id and the value its turn: an acquisition, or a step of
   * a thread's interrupt order (which is numbered like a lock, and also orders the thread's end and
   * the reads of whether it is alive and of its state).
   */
  public boolean isLockTurn() {
    return this == LOCK_ACQUIRE
        || this == WAIT_CANCEL
        || this == INTERRUPT
        || this == INTERRUPTED
        || this == INTERRUPT_CHECK
        || this == INTERRUPT_CHECK_SET
        || this == THREAD_END
        || this == THREAD_JOINED
        || this == THREAD_ALIVE
        || this == THREAD_NOT_ALIVE
        || this == THREAD_STATE;
  }

  /** Short name for listings ({@code ftjvm inspect}). */
  public String displayName() {
    return displayName;
  }
}
