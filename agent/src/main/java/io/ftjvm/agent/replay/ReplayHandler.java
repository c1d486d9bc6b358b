package io.ftjvm.agent.replay;

import io.ftjvm.agent.record.RecordHandler;
import io.ftjvm.agent.socket.Channels;
import io.ftjvm.agent.socket.SelectorKeys;
import io.ftjvm.agent.socket.SocketFields;
import io.ftjvm.agent.sync.ListedThreads;
import io.ftjvm.agent.sync.ReplayedLockOrder;
import io.ftjvm.agent.wiring.Refusal;
import io.ftjvm.bootstrap.BlockingAcquire;
import io.ftjvm.bootstrap.CustomSynchronizers;
import io.ftjvm.bootstrap.EventHandler;
import io.ftjvm.bootstrap.IoCall;
import io.ftjvm.bootstrap.QueuedThreads;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.replayer.engine.Divergence;
import io.ftjvm.replayer.engine.EndOfRecording;
import io.ftjvm.replayer.engine.ReplaySession;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Replay mode: every captured event is answered from the recording. Clocks, seeds and hashes take
 * their recorded values; socket reads return the recorded bytes with the recorded chunking; socket
 * writes are compared byte for byte. The first disagreement stops the replay.
 */
public final class ReplayHandler implements EventHandler {
  private final Function<ThreadState, ThreadCursor> cursors;
  private final ReplayOutcome outcome;
  private final Channels channels;
  private final StandIns standIns;
  private final ReplayedLockOrder locks;
  private final boolean realBinds;

  /**
   * @param cursors each thread's position in the log
   * @param channels socket ids, shared with a recorder in recovery
   * @param realBinds recovery: server sockets bind where the application asks (they go live later);
   *     replay binds them to a free loopback port instead
   */
  public ReplayHandler(
      Function<ThreadState, ThreadCursor> cursors,
      ReplayOutcome outcome,
      ReplayedLockOrder locks,
      Channels channels,
      StandIns standIns,
      boolean realBinds) {
    this.cursors = cursors;
    this.outcome = outcome;
    this.locks = locks;
    this.channels = channels;
    this.standIns = standIns;
    this.realBinds = realBinds;
  }

  /** Replay mode: cursors kept in each thread's state, everything else private. */
  static ReplayHandler forReplay(
      ReplaySession session, ReplayOutcome outcome, ReplayedLockOrder locks) {
    return new ReplayHandler(
        thread -> {
          Object cursor = thread.stream;
          if (cursor == null) {
            cursor = session.cursor(thread.logicalId());
            thread.stream = cursor;
          }
          return (ThreadCursor) cursor;
        },
        outcome,
        locks,
        new Channels(),
        new StandIns(),
        false);
  }

  @Override
  public int lockAcquired(ThreadState thread, Object lock) {
    return replaying(thread, cursor -> locks.acquired(cursor, thread, lock));
  }

  @Override
  public void beforeLock(ThreadState thread, Object lock) {
    replaying(
        thread,
        cursor -> {
          locks.awaitTurn(cursor, thread, lock);
          return null;
        });
  }

  @Override
  public int beforeTryLock(ThreadState thread, Object lock) {
    return replaying(thread, cursor -> locks.beforeTryLock(cursor, thread, lock));
  }

  @Override
  public void tryLockFailed(ThreadState thread, Object lock) {
    replaying(
        thread,
        cursor -> {
          throw cursor.diverged(
              "a tryLock as recorded", "tried a lock without the replay deciding it", null);
        });
  }

  @Override
  public boolean beforeAtomic(ThreadState thread, Object atomic) {
    if (!locks.capturesAtomic(atomic)) {
      return false;
    }
    beforeLock(thread, atomic);
    return true;
  }

  @Override
  public void afterAtomic(ThreadState thread, Object atomic) {
    lockAcquired(thread, atomic);
  }

  @Override
  public boolean beforeOrderedCall(ThreadState thread, Object collection) {
    if (!locks.capturesAtomic(collection)) {
      thread.rememberUnordered(collection);
      return false;
    }
    return replaying(thread, cursor -> locks.enterOrderedCall(cursor, thread, collection));
  }

  @Override
  public void afterOrderedCall(ThreadState thread, Object collection) {
    locks.exitOrderedCall(collection);
  }

  @Override
  public int acquireBlocking(
      ThreadState thread, BlockingAcquire acquire, long timeoutNanos, boolean interruptible) {
    return replaying(
        thread,
        cursor -> locks.acquireBlocking(cursor, thread, acquire, timeoutNanos >= 0, interruptible));
  }

  @Override
  public long queueView(ThreadState thread, Object key) {
    return replaying(thread, cursor -> locks.queueView(cursor, thread, key));
  }

  @Override
  public Thread[] queuedThreads(ThreadState thread, Object key, QueuedThreads question) {
    return replaying(thread, cursor -> locks.queuedThreads(cursor, thread, key, question));
  }

  @Override
  public Thread[] threadsListed(ThreadState thread, Thread[] alive) {
    return replaying(
        thread, cursor -> ListedThreads.replayed(cursor, thread, alive, locks.waitingThreads()));
  }

  @Override
  public int awaitLatch(
      ThreadState thread, java.util.concurrent.CountDownLatch latch, long timeoutNanos) {
    return replaying(thread, cursor -> locks.awaitLatch(cursor, thread, latch, timeoutNanos >= 0));
  }

  @Override
  public int beforeWaitCancel(ThreadState thread, Object sync) {
    return replaying(thread, cursor -> locks.beforeWaitCancel(cursor, thread, sync));
  }

  @Override
  public boolean skipsWaitLoopRead(ThreadState thread, Object sync) {
    boolean custom = CustomSynchronizers.isCustom(sync);
    return replaying(thread, cursor -> locks.interrupts().skipsWaitLoopRead(cursor, custom));
  }

  @Override
  public boolean reinterruptedAfterWait(ThreadState thread, boolean takesSight) {
    return replaying(
        thread,
        cursor -> locks.interrupts().reinterruptedAfterWait(cursor, thread, null, takesSight));
  }

  @Override
  public void waitCancelled(ThreadState thread, Object sync, boolean cancelled) {
    replaying(
        thread,
        cursor -> {
          locks.waitCancelled(cursor, thread, sync, cancelled);
          return null;
        });
  }

  @Override
  public long waitNanosLeft(ThreadState thread, Object sync, long actual) {
    return replaying(thread, cursor -> locks.waitNanosLeft(cursor, sync, actual));
  }

  @Override
  public int beforeInterrupt(ThreadState thread, Thread target) {
    return replaying(thread, cursor -> locks.interrupts().interrupt(cursor, thread, target));
  }

  @Override
  public void afterInterrupt(ThreadState thread, Thread target) {}

  @Override
  public int beforeInterruptRead(ThreadState thread, Thread target, boolean clears) {
    return replaying(thread, cursor -> locks.interrupts().read(cursor, thread, target, clears));
  }

  @Override
  public void afterInterruptRead(
      ThreadState thread, Thread target, boolean clears, boolean result) {}

  @Override
  public boolean interruptedHere(ThreadState thread, Object monitor) {
    return replaying(thread, cursor -> locks.interrupts().interruptedHere(cursor, thread, monitor));
  }

  @Override
  public void interruptThrown(ThreadState thread) {}

  @Override
  public void threadEnding(ThreadState thread) {
    replaying(
        thread,
        cursor -> {
          locks.interrupts().ending(cursor, thread);
          return null;
        });
  }

  @Override
  public int beforeAliveRead(ThreadState thread, Thread target) {
    return replaying(thread, cursor -> locks.interrupts().aliveRead(cursor, thread, target));
  }

  @Override
  public void afterAliveRead(ThreadState thread, Thread target, boolean alive) {}

  @Override
  public Thread.State beforeStateRead(ThreadState thread, Thread target) {
    return replaying(thread, cursor -> locks.interrupts().stateRead(cursor, thread, target));
  }

  @Override
  public void afterStateRead(ThreadState thread, Thread target, Thread.State state) {}

  @Override
  public boolean joinReturnsHere(ThreadState thread, Thread target, Object monitor) {
    return replaying(
        thread, cursor -> locks.interrupts().joinReturnsHere(cursor, thread, target, monitor));
  }

  @Override
  public void joined(ThreadState thread, Thread target) {}

  @Override
  public boolean consoleWrite(ThreadState thread, byte[] bytes, int offset, int length) {
    replaying(
        thread,
        cursor -> {
          Determinant d =
              cursor.expect("prints " + length + " bytes to stdout", EventType.CONSOLE_WRITE);
          byte[] actual = Arrays.copyOfRange(bytes, offset, offset + length);
          int mismatch = OutputComparison.firstDifference(d.bytes(), actual, true);
          if (mismatch >= 0) {
            throw cursor.diverged(
                "stdout output " + OutputComparison.excerpt(d.bytes(), mismatch),
                "printed " + OutputComparison.excerpt(actual, mismatch),
                "what the program computed differs from the recorded run: if it is multithreaded,"
                    + " it probably has a data race (shared fields read and written without"
                    + " synchronisation); otherwise it read something the agent does not capture"
                    + " (a file, an environment variable or property that changed, a JVM report"
                    + " through reflection)");
          }
          return null;
        });
    return false; // a replay shows what the program prints
  }

  /**
   * A task that logged events when recorded: its stream starts with the name of the thread that ran
   * it, which the worker running it now takes. A stream that does not start there (no stream: the
   * task logged nothing) leaves the worker's name alone.
   */
  @Override
  public String taskStarts(ThreadState task) {
    Determinant first = cursor(task).peek();
    if (first == null || first.type() != EventType.TASK_RUN) {
      return null;
    }
    return replaying(
        task, cursor -> cursor.expect("starts a fork-join task", EventType.TASK_RUN).text());
  }

  @Override
  public void taskNamed(ThreadState task) {
    // The worker took the recorded runner's name when the task started (taskStarts).
  }

  @Override
  public boolean replaying() {
    return true;
  }

  @Override
  public void unsupported(ThreadState thread, String what) {
    Refusal.stop("cannot replay: " + what);
  }

  private ThreadCursor cursor(ThreadState thread) {
    return cursors.apply(thread);
  }

  /** One replay step; any way it can fail ends the replay with the right report. */
  private interface Step<T> {
    T run(ThreadCursor cursor) throws Exception;
  }

  private <T> T replaying(ThreadState thread, Step<T> step) {
    ThreadCursor cursor = cursor(thread);
    try {
      return step.run(cursor);
    } catch (Divergence d) {
      if (outcome.programEnding() && cursor.exhausted()) {
        throw outcome.ranPastExit();
      }
      throw outcome.diverged(d);
    } catch (EndOfRecording e) {
      throw outcome.reachedEnd();
    } catch (UncheckedIOException e) {
      throw outcome.damaged(e.getCause());
    } catch (BlockingAcquire.ApplicationThrew e) {
      throw e; // the application's own exception, thrown at its recorded turn: the program's
    } catch (Exception e) {
      throw outcome.diverged(
          cursor.diverged("a replayable event", "could not be replayed: " + e, null));
    }
  }

  @Override
  public long clock(ThreadState thread, int kind, long actual) {
    EventType type = EventType.fromCode(kind);
    return replaying(
        thread,
        cursor -> cursor.expect("reads the clock (" + type.displayName() + ")", type).value());
  }

  @Override
  public long value(ThreadState thread, int kind, long actual) {
    EventType type = EventType.fromCode(kind);
    return replaying(thread, cursor -> cursor.expect(readInWords(type), type).value());
  }

  /** What the program does when it reads a value or text of this type, in words for reports. */
  private static String readInWords(EventType type) {
    return switch (type) {
      case IDENTITY_HASH -> "asks for an identity hash code";
      case THREAD_COUNT -> "counts the threads alive";
      case THREAD_ID -> "reads a thread's id";
      case THREAD_TEXT -> "describes a thread";
      case JVM_VALUE ->
          "reads a number the JVM or a thread pool reports about itself (a process id, uptime,"
              + " memory, CPU time, its counts of threads, classes or collections, busy workers,"
              + " finished tasks)";
      case JVM_REAL ->
          "reads a real number the JVM reports about the machine or itself (a load average, a CPU"
              + " load)";
      case JVM_TEXT -> "reads what the JVM reports about itself (or its threads' ids)";
      case STACK_TRACES -> "asks for every thread's stack trace";
      case THREAD_INFO -> "asks the ThreadMXBean about threads (their state, locks and stacks)";
      default -> "draws a random seed (" + type.displayName() + ")";
    };
  }

  @Override
  public String text(ThreadState thread, int kind, String actual) {
    EventType type = EventType.fromCode(kind);
    // Stack traces and thread infos are kilobytes of frames, unreadable in a report: the words
    // say what the program asked for, as they do for the other reads.
    String doing =
        type == EventType.STACK_TRACES || type == EventType.THREAD_INFO
            ? readInWords(type)
            : readInWords(type) + " (" + actual + ")";
    return replaying(thread, cursor -> cursor.expect(doing, type).text());
  }

  @Override
  public void randomBytes(ThreadState thread, int kind, byte[] bytes) {
    replaying(
        thread,
        cursor -> {
          Determinant d =
              cursor.expect("asks for " + bytes.length + " random bytes", EventType.fromCode(kind));
          if (d.bytes().length != bytes.length) {
            throw cursor.diverged(
                d.bytes().length + " random bytes",
                "asked for " + bytes.length + " random bytes",
                null);
          }
          System.arraycopy(d.bytes(), 0, bytes, 0, bytes.length);
          return null;
        });
  }

  @Override
  public IoCall beforeIo(ThreadState thread, IoCall call) {
    return replaying(thread, cursor -> replay(thread, cursor, call));
  }

  private IoCall replay(ThreadState thread, ThreadCursor cursor, IoCall call) throws Exception {
    switch (call.op) {
      case IoCall.READ:
        return read(cursor, call);
      case IoCall.WRITE:
        return write(cursor, call);
      case IoCall.ACCEPT:
        {
          Determinant d =
              cursor.expect(
                  "accepts a connection", EventType.SOCKET_ACCEPT, EventType.SOCKET_ERROR);
          if (d.type() == EventType.SOCKET_ERROR) {
            return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
          }
          if (d.channel() < 0) {
            IoCall none = new IoCall.Replayed(call, 0, null);
            none.target = null;
            return none;
          }
          standIns.connectClientTo(call.socket);
          thread.pending = d;
          return call;
        }
      case IoCall.CONNECT:
        {
          Determinant d =
              cursor.expect(
                  "connects to " + call.target, EventType.SOCKET_CONNECT, EventType.SOCKET_ERROR);
          if (d.type() == EventType.SOCKET_ERROR) {
            return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
          }
          call.target = standIns.acceptorAddress();
          thread.pending = d;
          return call;
        }
      case IoCall.BIND:
        {
          Determinant d =
              cursor.expect("binds a server socket", EventType.SOCKET_BIND, EventType.SOCKET_ERROR);
          if (d.type() == EventType.SOCKET_ERROR) {
            return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
          }
          if (!realBinds) {
            call.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
          } else if (call.target instanceof InetSocketAddress
              && ((InetSocketAddress) call.target).getPort() == 0) {
            // Recovery binds for real: a program that asked for any free port gets the one it got
            // before the crash, where its clients will look for it.
            InetSocketAddress asked = (InetSocketAddress) call.target;
            call.target = new InetSocketAddress(asked.getAddress(), (int) d.value());
          }
          thread.pending = d;
          return call;
        }
      case IoCall.SELECT:
        return select(cursor, call);
      case IoCall.AVAILABLE:
        {
          Determinant d =
              cursor.expect(
                  "asks how many bytes are available",
                  EventType.SOCKET_AVAILABLE,
                  EventType.SOCKET_ERROR);
          if (d.type() == EventType.SOCKET_ERROR) {
            return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
          }
          return new IoCall.Replayed(call, d.value(), null);
        }
      default:
        throw new IllegalArgumentException("unknown socket operation " + call.op);
    }
  }

  /** The keys the recorded select found ready, in the recorded order; no real select happens. */
  private IoCall select(ThreadCursor cursor, IoCall call) throws Exception {
    SelectorKeys.makeOrdered(call.socket);
    Determinant d =
        cursor.expect("selects ready channels", EventType.SELECT, EventType.SOCKET_ERROR);
    if (d.type() == EventType.SOCKET_ERROR) {
      return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
    }
    if (d.value() == RecordHandler.UNSUPPORTED_SELECT || call.target != null) {
      throw cursor.diverged(
          d.toString(),
          "selects with Selector.select(Consumer)",
          "Selector.select(Consumer) is not captured by this version of ftjvm; use select() and selectedKeys()");
    }
    Selector selector = (Selector) call.socket;
    List<SelectorKeys.Ready> ready = SelectorKeys.decode(d.bytes());
    List<SelectionKey> keys = new ArrayList<>();
    for (SelectorKeys.Ready r : ready) {
      SelectionKey found = null;
      for (SelectionKey key : selector.keys()) {
        if (channels.knownIdOf(key.channel()) == r.channel()) {
          found = key;
        }
      }
      if (found == null) {
        throw cursor.diverged(
            "channel " + r.channel() + " ready in the selector",
            "has no such channel registered with it",
            null);
      }
      keys.add(found);
    }
    SelectorKeys.replace(selector, keys, ready);
    return new IoCall.Replayed(call, d.value(), null);
  }

  private IoCall read(ThreadCursor cursor, IoCall call) {
    int channel = channels.knownIdOf(call.socket);
    Determinant d =
        cursor.expect(
            "reads up to " + call.length + " bytes from channel " + channel,
            EventType.SOCKET_READ,
            EventType.SOCKET_EOF,
            EventType.SOCKET_ERROR);
    sameChannel(cursor, d, channel, "reads from");
    if (d.type() == EventType.SOCKET_ERROR) {
      return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
    }
    if (d.type() == EventType.SOCKET_EOF) {
      return new IoCall.Replayed(call, -1, null);
    }
    byte[] data = d.bytes();
    if (data.length > call.length) {
      throw cursor.diverged(
          "a read that returned " + data.length + " bytes",
          "reads with room for only " + call.length + " bytes",
          null);
    }
    if (call.array != null) {
      System.arraycopy(data, 0, call.array, call.offset, data.length);
    } else {
      call.buffer.put(data);
    }
    return new IoCall.Replayed(call, data.length, null);
  }

  private IoCall write(ThreadCursor cursor, IoCall call) {
    int channel = channels.knownIdOf(call.socket);
    Determinant d =
        cursor.expect(
            "writes " + call.length + " bytes to channel " + channel,
            EventType.SOCKET_WRITE,
            EventType.SOCKET_ERROR);
    sameChannel(cursor, d, channel, "writes to");
    if (d.type() == EventType.SOCKET_ERROR) {
      return new IoCall.Replayed(call, 0, RecordedErrors.rebuild(d.text()));
    }
    byte[] expected = d.bytes();
    byte[] actual;
    if (call.array != null) {
      actual = Arrays.copyOfRange(call.array, call.offset, call.offset + call.length);
    } else {
      ByteBuffer view = call.buffer.duplicate();
      actual = new byte[Math.min(view.remaining(), Math.max(expected.length, 1))];
      view.get(actual);
    }
    boolean whole = call.array != null;
    int mismatch = OutputComparison.firstDifference(expected, actual, whole);
    if (mismatch >= 0) {
      throw cursor.diverged(
          "a write of "
              + expected.length
              + " bytes: "
              + OutputComparison.excerpt(expected, mismatch),
          "wrote "
              + actual.length
              + " bytes: "
              + OutputComparison.excerpt(actual, mismatch)
              + " (first difference at byte "
              + mismatch
              + ")",
          "the program's output differs from the recorded run");
    }
    if (call.buffer != null) {
      call.buffer.position(call.bufferStart + expected.length);
    }
    return new IoCall.Replayed(call, expected.length, null);
  }

  private static void sameChannel(ThreadCursor cursor, Determinant d, int channel, String verb) {
    if (d.type() != EventType.SOCKET_ERROR && d.channel() != channel) {
      throw cursor.diverged(d.toString(), verb + " channel " + channel, null);
    }
  }

  /**
   * Recovery: a socket operation that was under way when the checkpoint was taken has come back
   * after the restore (usually failed, its connection closed by the restore). It gets the outcome
   * the log holds instead, as if it had completed as it did before the crash.
   */
  public void completeFromLog(ThreadState thread, IoCall call) {
    replaying(
        thread,
        cursor -> {
          switch (call.op) {
            case IoCall.READ:
              {
                IoCall.Replayed r = (IoCall.Replayed) read(cursor, call);
                call.result = r.result;
                call.thrown = r.thrown;
                return null;
              }
            case IoCall.WRITE:
              {
                Determinant d =
                    cursor.expect(
                        "finishes a write to channel " + channels.knownIdOf(call.socket),
                        EventType.SOCKET_WRITE,
                        EventType.SOCKET_ERROR);
                call.thrown =
                    d.type() == EventType.SOCKET_ERROR ? RecordedErrors.rebuild(d.text()) : null;
                call.result = d.type() == EventType.SOCKET_ERROR ? 0 : d.bytes().length;
                return null;
              }
            case IoCall.ACCEPT:
              {
                Determinant d =
                    cursor.expect(
                        "finishes accepting a connection",
                        EventType.SOCKET_ACCEPT,
                        EventType.SOCKET_ERROR);
                if (d.type() == EventType.SOCKET_ERROR || call.thrown != null) {
                  throw cursor.diverged(
                      d.toString(), "accept came back from the restore with " + call.thrown, null);
                }
                call.thrown = null;
                connected(call, d);
                return null;
              }
            case IoCall.AVAILABLE:
              {
                // BufferedReader.readLine asks before each read: a dump can catch it there too.
                Determinant d =
                    cursor.expect(
                        "finishes asking how many bytes are available",
                        EventType.SOCKET_AVAILABLE,
                        EventType.SOCKET_ERROR);
                call.thrown =
                    d.type() == EventType.SOCKET_ERROR ? RecordedErrors.rebuild(d.text()) : null;
                call.result = d.type() == EventType.SOCKET_ERROR ? 0 : d.value();
                return null;
              }
            case IoCall.BIND:
              {
                Determinant d =
                    cursor.expect(
                        "finishes binding a server socket",
                        EventType.SOCKET_BIND,
                        EventType.SOCKET_ERROR);
                if (d.type() == EventType.SOCKET_ERROR || call.thrown != null) {
                  throw cursor.diverged(
                      d.toString(), "bind came back from the restore with " + call.thrown, null);
                }
                connected(call, d);
                return null;
              }
            default:
              throw cursor.diverged(
                  "the operation under way at the checkpoint",
                  "an operation (" + call.op + ") that recovery cannot complete from the log",
                  "only socket reads, writes, accepts, binds and available() may be under way"
                      + " during a checkpoint");
          }
        });
  }

  @Override
  public void afterIo(ThreadState thread, IoCall call) {
    if (call instanceof IoCall.Replayed) {
      return;
    }
    Determinant d = (Determinant) thread.pending;
    thread.pending = null;
    if (d == null) {
      return;
    }
    replaying(
        thread,
        cursor -> {
          if (call.thrown != null) {
            throw cursor.diverged(d.toString(), "failed: " + call.thrown, null);
          }
          connected(call, d);
          return null;
        });
  }

  /** After a real accept, connect or bind on a stand-in: make it look as recorded. */
  private void connected(IoCall call, Determinant d) throws Exception {
    switch (call.op) {
      case IoCall.ACCEPT:
        if (!standIns.isStandIn(SocketFields.remote(call.target))) {
          // A real client that connected while a restored process replays its log, accepted
          // in the place of the logged peer: it must not get the logged connection's replies,
          // nor, once its thread goes live, feed it requests. Its connection ends; it connects
          // again, as after any crash of its server.
          SocketFields.hangUp(call.target);
        }
        channels.assign(call.target, d.channel());
        SocketFields.setRemote(call.target, d.text(), (int) d.value());
        break;
      case IoCall.CONNECT:
        channels.assign(call.socket, d.channel());
        SocketFields.setRemote(call.socket, d.text(), (int) d.value());
        break;
      case IoCall.BIND:
        int realPort = call.result >= 0 ? (int) call.result : SocketFields.localPort(call.socket);
        standIns.listening(call.socket, realPort);
        channels.assign(call.socket, d.channel());
        call.result = d.value();
        SocketFields.setLocalPort(call.socket, (int) d.value());
        break;
      default:
        break;
    }
  }
}
