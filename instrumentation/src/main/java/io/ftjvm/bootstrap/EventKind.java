package io.ftjvm.bootstrap;

/**
 * Numeric kinds of captured events, as the hooks name them. The values equal the determinant type
 * codes of the recording format ({@code io.ftjvm.capture.model.EventType}); a unit test in the
 * agent checks that the two lists agree.
 */
public final class EventKind {
  public static final int CLOCK_MILLIS = 1;
  public static final int CLOCK_NANOS = 2;
  public static final int CLOCK_INSTANT = 3;
  public static final int RANDOM_SEED = 4;
  public static final int TLR_SEED = 5;
  public static final int IDENTITY_HASH = 6;
  public static final int SECURE_RANDOM = 7;
  public static final int SOCKET_BIND = 8;
  public static final int SOCKET_ACCEPT = 9;
  public static final int SOCKET_CONNECT = 10;
  public static final int SOCKET_READ = 11;
  public static final int SOCKET_EOF = 12;
  public static final int SOCKET_WRITE = 13;
  public static final int SOCKET_CLOSE = 14;
  public static final int SOCKET_ERROR = 15;
  public static final int THREAD_START = 16;
  public static final int SOCKET_AVAILABLE = 17;
  public static final int SELECT = 18;
  public static final int LOCK_ACQUIRE = 19;
  public static final int LOCK_TRY_FAILED = 20;
  public static final int CONSOLE_WRITE = 21;
  public static final int INTERRUPT = 22;
  public static final int INTERRUPTED = 23;
  public static final int INTERRUPT_CHECK = 24;
  public static final int INTERRUPT_CHECK_SET = 25;
  public static final int THREAD_END = 26;
  public static final int THREAD_JOINED = 27;
  public static final int THREAD_ALIVE = 28;
  public static final int THREAD_NOT_ALIVE = 29;
  public static final int THREAD_STATE = 30;
  public static final int TASK_RUN = 31;
  public static final int WAIT_CANCEL = 32;
  public static final int WAIT_NANOS = 33;
  public static final int QUEUE_VIEW = 34;
  public static final int QUEUED_THREADS = 35;
  public static final int THREAD_COUNT = 36;
  public static final int THREADS_LISTED = 37;
  public static final int THREAD_ID = 38;
  public static final int JVM_VALUE = 39;
  public static final int JVM_TEXT = 40;
  public static final int THREAD_TEXT = 41;
  public static final int JVM_REAL = 42;
  public static final int STACK_TRACES = 43;
  public static final int THREAD_INFO = 44;

  private EventKind() {}
}
