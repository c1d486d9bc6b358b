package io.ftjvm.agent.socket;

import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.bootstrap.WeakIdentityTable;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Logical channel ids for the JDK's socket objects. Recording numbers them in the order they
 * appear; replay gives each replayed socket the id the recording holds, so the two agree. Asked at
 * every socket operation of every thread, so kept in a striped identity table, not behind one lock.
 * (Two threads naming the same new socket at once may skip a number: ids need not be dense.)
 */
public final class Channels {
  private final WeakIdentityTable<Integer> ids = new WeakIdentityTable<>();
  private final AtomicInteger next = new AtomicInteger(1);
  private final Function<Object, Integer> numbering = socket -> next.getAndIncrement();

  /**
   * Bumped whenever an id is given by {@link #assign}: a thread's remembered socket (below) from
   * before then may have had its id replaced.
   */
  private final AtomicInteger assignments = new AtomicInteger();

  /** The socket's id, numbering it now if it has none. */
  public int idOf(Object socket) {
    return ids.computeIfAbsent(socket, numbering);
  }

  /**
   * As {@link #idOf}, for the thread whose state this is: a thread usually works one socket at a
   * time (a thread per connection), so it remembers its last one and skips the table, whose look-up
   * was half of what recording a socket read or write cost the thread. Weakly: a socket the
   * application dropped must stay collectable, and its file descriptor closable by its cleaner.
   */
  public int idOf(ThreadState thread, Object socket) {
    int epoch = assignments.get();
    if (thread.lastChannel instanceof LastChannel last
        && last.epoch == epoch
        && last.refersTo(socket)) {
      return last.id;
    }
    int id = idOf(socket);
    thread.lastChannel = new LastChannel(socket, id, epoch);
    return id;
  }

  private static final class LastChannel extends WeakReference<Object> {
    final int id;
    final int epoch;

    LastChannel(Object socket, int id, int epoch) {
      super(socket);
      this.id = id;
      this.epoch = epoch;
    }
  }

  /** The socket's id, or -1 when it was never seen. */
  public int knownIdOf(Object socket) {
    Integer id = ids.get(socket);
    return id == null ? -1 : id;
  }

  /** Recovery: ids up to {@code id} are the log's; sockets opened live get later ones. */
  public void reserveUpTo(int id) {
    next.accumulateAndGet(id + 1, Math::max);
  }

  /** Gives a replayed socket the id from the recording. */
  public void assign(Object socket, int id) {
    ids.put(socket, id);
    assignments.incrementAndGet();
    next.accumulateAndGet(id + 1, Math::max); // recovery: sockets opened live come after these
  }
}
