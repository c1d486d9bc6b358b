package io.ftjvm.agent.socket;

import io.ftjvm.bootstrap.WeakIdentityTable;
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

  /** The socket's id, numbering it now if it has none. */
  public int idOf(Object socket) {
    return ids.computeIfAbsent(socket, numbering);
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
    next.accumulateAndGet(id + 1, Math::max); // recovery: sockets opened live come after these
  }
}
