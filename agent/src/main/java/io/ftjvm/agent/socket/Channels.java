package io.ftjvm.agent.socket;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Logical channel ids for the JDK's socket objects. Recording numbers them in the order they
 * appear; replay gives each replayed socket the id the recording holds, so the two agree.
 */
public final class Channels {
  private final Map<Object, Integer> ids = new WeakHashMap<>();
  private final AtomicInteger next = new AtomicInteger(1);

  /** The socket's id, numbering it now if it has none. */
  public synchronized int idOf(Object socket) {
    Integer id = ids.get(socket);
    if (id == null) {
      id = next.getAndIncrement();
      ids.put(socket, id);
    }
    return id;
  }

  /** The socket's id, or -1 when it was never seen. */
  public synchronized int knownIdOf(Object socket) {
    Integer id = ids.get(socket);
    return id == null ? -1 : id;
  }

  /** Recovery: ids up to {@code id} are the log's; sockets opened live get later ones. */
  public void reserveUpTo(int id) {
    next.accumulateAndGet(id + 1, Math::max);
  }

  /** Gives a replayed socket the id from the recording. */
  public synchronized void assign(Object socket, int id) {
    ids.put(socket, id);
    next.accumulateAndGet(id + 1, Math::max); // recovery: sockets opened live come after these
  }
}
