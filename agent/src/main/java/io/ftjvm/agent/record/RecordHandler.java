package io.ftjvm.agent.record;

import io.ftjvm.agent.socket.Channels;
import io.ftjvm.agent.socket.SelectorKeys;
import io.ftjvm.agent.socket.SocketFields;
import io.ftjvm.agent.sync.ListedThreads;
import io.ftjvm.agent.sync.LockState;
import io.ftjvm.agent.sync.RecordedLockOrder;
import io.ftjvm.agent.wiring.Refusal;
import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.CustomSynchronizers;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.IoCall;
import io.ftjvm.bootstrap.QueueView;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;

/**
 * Record mode: every captured event becomes a determinant in its thread's stream, and the
 * application gets the real value unchanged.
 */
public class RecordHandler implements EventHandler {
  private final RecordingWriter writer;
  private final Channels channels = new Channels();
  private final RecordedLockOrder locks = new RecordedLockOrder();

  /** Socket ids; recovery shares them with the replay of the log's tail. */
  public Channels channels() {
    return channels;
  }

  /** Lock order; recovery replays the log's tail on the same lock states. */
  public RecordedLockOrder locks() {
    return locks;
  }

  public RecordHandler(RecordingWriter writer) {
    this.writer = writer;
  }

  /**
   * The thread's determinant stream, opened at its first event. A fork-join task's stream starts by
   * naming the thread that runs the task, which replay gives to whichever worker runs it then.
   */
  public ThreadStreamWriter stream(ThreadState thread) {
    Object stream = thread.stream;
    if (stream == null) {
      ThreadStreamWriter opened;
      try {
        opened = writer.openThread(thread.logicalId());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the stream of " + thread, e);
      }
      thread.stream = opened;
      if (thread.isTask()) {
        opened.text(EventType.TASK_RUN, Thread.currentThread().getName());
      }
      return opened;
    }
    return (ThreadStreamWriter) stream;
  }

  @Override
  public long clock(ThreadState thread, int kind, long actual) {
    stream(thread).clock(EventType.fromCode(kind), actual);
    return actual;
  }

  @Override
  public long value(ThreadState thread, int kind, long actual) {
    stream(thread).value(EventType.fromCode(kind), actual);
    return actual;
  }

  @Override
  public String text(ThreadState thread, int kind, String actual) {
    stream(thread).text(EventType.fromCode(kind), actual);
    return actual;
  }

  @Override
  public void randomBytes(ThreadState thread, int kind, byte[] bytes) {
    stream(thread).bytes(EventType.fromCode(kind), -1, bytes, 0, bytes.length);
  }

  @Override
  public IoCall beforeIo(ThreadState thread, IoCall call) {
    if (call.op == IoCall.SELECT) {
      try {
        SelectorKeys.makeOrdered(call.socket);
      } catch (Exception e) {
        io.ftjvm.bootstrap.AgentLog.error("cannot order the selected keys of " + call.socket, e);
      }
    }
    return call;
  }

  @Override
  public void afterIo(ThreadState thread, IoCall call) {
    ThreadStreamWriter out = stream(thread);
    if (call.op == IoCall.SELECT && call.thrown == null) {
      selected(out, call);
      return;
    }
    // An accept names the accepted socket; anything else, and a failed accept, the call's own.
    int channel =
        channels.idOf(
            thread, call.op == IoCall.ACCEPT && call.thrown == null ? call.target : call.socket);
    if (call.thrown != null) {
      out.channelEvent(EventType.SOCKET_ERROR, channel, 0, ErrorText.of(call.thrown));
      return;
    }
    switch (call.op) {
      case IoCall.READ:
        if (call.result < 0) {
          out.channelEvent(EventType.SOCKET_EOF, channel, 0, null);
        } else {
          bytes(out, EventType.SOCKET_READ, channel, call, (int) call.result);
        }
        break;
      case IoCall.WRITE:
        bytes(out, EventType.SOCKET_WRITE, channel, call, (int) call.result);
        break;
      case IoCall.ACCEPT:
        acceptOrConnect(
            out, EventType.SOCKET_ACCEPT, call.target, call.target == null ? -1 : channel);
        break;
      case IoCall.CONNECT:
        acceptOrConnect(out, EventType.SOCKET_CONNECT, call.socket, channel);
        break;
      case IoCall.BIND:
        out.channelEvent(EventType.SOCKET_BIND, channel, boundPort(call), null);
        break;
      case IoCall.AVAILABLE:
        out.channelEvent(EventType.SOCKET_AVAILABLE, channel, call.result, null);
        break;
      default:
        throw new IllegalArgumentException("unknown socket operation " + call.op);
    }
  }

  @Override
  public int lockAcquired(ThreadState thread, Object lock) {
    locks.acquired(stream(thread), lock);
    return TURN_TAKEN;
  }

  @Override
  public void beforeLock(ThreadState thread, Object lock) {}

  @Override
  public int beforeTryLock(ThreadState thread, Object lock) {
    return TRY_REAL;
  }

  @Override
  public void tryLockFailed(ThreadState thread, Object lock) {
    locks.tryLockFailed(stream(thread), lock);
  }

  @Override
  public boolean beforeAtomic(ThreadState thread, Object atomic) {
    return locks.beforeAtomic(atomic);
  }

  @Override
  public void afterAtomic(ThreadState thread, Object atomic) {
    locks.afterAtomic(stream(thread), atomic);
  }

  @Override
  public boolean beforeOrderedCall(ThreadState thread, Object collection) {
    LockState state = locks.orderedState(collection);
    if (state == null) {
      thread.rememberUnordered(collection);
      return false;
    }
    locks.enterOrderedCall(stream(thread), state);
    return true;
  }

  @Override
  public void afterOrderedCall(ThreadState thread, Object collection) {
    locks.exitOrderedCall(collection);
  }

  @Override
  public int acquireBlocking(
      ThreadState thread, BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
    return locks.acquireBlocking(stream(thread), acquire, timeoutNanos, interruptible);
  }

  @Override
  public long queueView(ThreadState thread, Object key) {
    LockState state = locks.orderedState(key);
    return state == null ? QueueView.NOT_ANSWERED : locks.queueView(stream(thread), state);
  }

  @Override
  public Thread[] queuedThreads(ThreadState thread, Object key, QueuedThreads question) {
    LockState state = locks.orderedState(key);
    return state == null ? null : locks.queuedThreads(stream(thread), state, question);
  }

  @Override
  public Thread[] threadsListed(ThreadState thread, Thread[] alive) {
    stream(thread).text(EventType.THREADS_LISTED, ListedThreads.names(alive));
    return alive;
  }

  @Override
  public int awaitLatch(
      ThreadState thread, java.util.concurrent.CountDownLatch latch, long timeoutNanos) {
    return locks.awaitLatch(stream(thread), latch, timeoutNanos);
  }

  @Override
  public int beforeWaitCancel(ThreadState thread, Object sync) {
    if (!locks.ordersConditionWaits(sync)) {
      return CANCEL_REAL;
    }
    if (CustomSynchronizers.isCustom(sync)) {
      // The step cannot take the lock (what one hold of it is, the application defines); its
      // signals are ordered operations instead, and the step runs under the same serial lock.
      locks.enterSerial(sync);
    }
    return CANCEL_IN_TURN;
  }

  @Override
  public void waitCancelled(ThreadState thread, Object sync, boolean cancelled) {
    try {
      if (cancelled) {
        locks.waitCancelled(stream(thread), sync);
      }
    } finally {
      if (CustomSynchronizers.isCustom(sync)) {
        locks.exitSerial(sync);
      }
    }
  }

  @Override
  public boolean skipsWaitLoopRead(ThreadState thread, Object sync) {
    return false; // every read is made, and logged if it is the first sight
  }

  @Override
  public boolean reinterruptedAfterWait(ThreadState thread, boolean takesSight) {
    return false; // the JDK's own interrupt, at the wait's end, is logged as it happens
  }

  @Override
  public long waitNanosLeft(ThreadState thread, Object sync, long actual) {
    if (locks.ordersConditionWaits(sync)) {
      stream(thread).value(EventType.WAIT_NANOS, actual);
    }
    return actual;
  }

  @Override
  public int beforeInterrupt(ThreadState thread, Thread target) {
    locks.interrupts().before(target);
    return REAL_THEN_AFTER;
  }

  @Override
  public void afterInterrupt(ThreadState thread, Thread target) {
    locks.interrupts().interrupted(stream(thread), target);
  }

  @Override
  public int beforeInterruptRead(ThreadState thread, Thread target, boolean clears) {
    locks.interrupts().before(target);
    return REAL_THEN_AFTER;
  }

  @Override
  public void afterInterruptRead(
      ThreadState thread, Thread target, boolean clears, boolean result) {
    locks.interrupts().read(() -> stream(thread), target, clears, result, thread.polling());
  }

  @Override
  public boolean interruptedHere(ThreadState thread, Object monitor) {
    return false;
  }

  @Override
  public void interruptThrown(ThreadState thread) {
    locks.interrupts().thrown(stream(thread));
  }

  @Override
  public void threadEnding(ThreadState thread) {
    locks.interrupts().ending(stream(thread));
  }

  @Override
  public int beforeAliveRead(ThreadState thread, Thread target) {
    locks.interrupts().before(target);
    return REAL_THEN_AFTER;
  }

  @Override
  public void afterAliveRead(ThreadState thread, Thread target, boolean alive) {
    locks.interrupts().aliveRead(stream(thread), target, alive);
  }

  @Override
  public Thread.State beforeStateRead(ThreadState thread, Thread target) {
    locks.interrupts().before(target);
    return null;
  }

  @Override
  public void afterStateRead(ThreadState thread, Thread target, Thread.State state) {
    locks.interrupts().stateRead(stream(thread), target, state);
  }

  @Override
  public boolean joinReturnsHere(ThreadState thread, Thread target, Object monitor) {
    return false;
  }

  @Override
  public void joined(ThreadState thread, Thread target) {
    locks.interrupts().joined(stream(thread), target);
  }

  @Override
  public boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length) {
    stream(thread).bytes(EventType.CONSOLE_WRITE, STDOUT, bytes, offset, length);
    return false;
  }

  /** The channel number of standard output in CONSOLE_WRITE determinants. */
  public static final int STDOUT = 1;

  @Override
  public String taskStarts(ThreadState task) {
    return null; // the stream and its TASK_RUN are written at the task's first event
  }

  @Override
  public void taskNamed(ThreadState task) {
    stream(task); // opened with its TASK_RUN, if not yet
  }

  @Override
  public boolean replaying() {
    return false;
  }

  @Override
  public void unsupported(ThreadState thread, String what) {
    Refusal.stop("cannot record: " + what);
  }

  /** Which keys a select made ready, in the order the application will see them. */
  private void selected(ThreadStreamWriter out, IoCall call) {
    if (call.target != null) {
      // select(Consumer) hands keys to the action inside the JDK; replay refuses it clearly.
      io.ftjvm.bootstrap.AgentLog.error(
          "Selector.select(Consumer) is not captured by this version; a replay of it will stop there",
          null);
      out.bytes(EventType.SELECT, -1, UNSUPPORTED_SELECT, new byte[0], 0, 0);
      return;
    }
    byte[] keys = SelectorKeys.encode((Selector) call.socket, channels);
    out.bytes(EventType.SELECT, -1, call.result, keys, 0, keys.length);
  }

  /** The SELECT value recorded for select(Consumer), which is not captured. */
  public static final long UNSUPPORTED_SELECT = -2;

  private static void acceptOrConnect(
      ThreadStreamWriter out, EventType type, Object socket, int channel) {
    InetSocketAddress remote = null;
    try {
      remote = socket == null ? null : SocketFields.remote(socket);
    } catch (Exception e) {
      io.ftjvm.bootstrap.AgentLog.error("cannot read the remote address of " + socket, e);
    }
    out.channelEvent(
        type,
        channel,
        remote == null ? 0 : remote.getPort(),
        remote == null ? "" : SocketFields.describe(remote.getAddress()));
  }

  private static long boundPort(IoCall call) {
    if (call.result >= 0) {
      return call.result; // NioSocketImpl: the advice passes the local port
    }
    try {
      return SocketFields.localPort(call.socket);
    } catch (Exception e) {
      return -1;
    }
  }

  /** The bytes a read returned or a write sent, without disturbing the buffer. */
  private static void bytes(
      ThreadStreamWriter out, EventType type, int channel, IoCall call, int count) {
    if (call.array != null) {
      out.bytes(type, channel, call.array, call.offset, count);
      return;
    }
    ByteBuffer buffer = call.buffer;
    if (buffer.hasArray()) {
      out.bytes(type, channel, buffer.array(), buffer.arrayOffset() + call.bufferStart, count);
    } else {
      byte[] copy = new byte[count];
      buffer.duplicate().position(call.bufferStart).get(copy);
      out.bytes(type, channel, copy, 0, count);
    }
  }
}
