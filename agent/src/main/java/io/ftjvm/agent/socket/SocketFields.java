package io.ftjvm.agent.socket;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Reads and writes the peer and local addresses that the JDK keeps in its socket objects. Replay
 * connects the application to local stand-ins, then writes the recorded addresses back, so what the
 * application sees (getInetAddress, getPort, getLocalPort) is what it saw when recorded.
 */
public final class SocketFields {
  private static final Field IMPL_ADDRESS = field(SocketImpl.class, "address");
  private static final Field IMPL_PORT = field(SocketImpl.class, "port");
  private static final Method SHUTDOWN_INPUT = method(SocketImpl.class, "shutdownInput");
  private static final Method SHUTDOWN_OUTPUT = method(SocketImpl.class, "shutdownOutput");

  private SocketFields() {}

  /** The remote end of a connected socket object (SocketImpl or SocketChannel). */
  public static InetSocketAddress remote(Object socket) throws Exception {
    if (socket instanceof SocketImpl) {
      InetAddress address = (InetAddress) IMPL_ADDRESS.get(socket);
      return new InetSocketAddress(address, IMPL_PORT.getInt(socket));
    }
    if (socket instanceof SocketChannel) {
      SocketAddress remote = ((SocketChannel) socket).getRemoteAddress();
      return (InetSocketAddress) remote;
    }
    return null;
  }

  /**
   * Shuts a connected socket object down both ways: its peer sees the connection end, and the
   * program reads end-of-stream from it from now on.
   */
  public static void hangUp(Object socket) throws Exception {
    if (socket instanceof SocketImpl) {
      SHUTDOWN_INPUT.invoke(socket);
      SHUTDOWN_OUTPUT.invoke(socket);
    } else if (socket instanceof SocketChannel) {
      ((SocketChannel) socket).shutdownInput();
      ((SocketChannel) socket).shutdownOutput();
    }
  }

  /** Makes a replayed socket object report the recorded remote end. */
  public static void setRemote(Object socket, String host, int port) throws Exception {
    InetAddress address = parse(host);
    if (socket instanceof SocketImpl) {
      IMPL_ADDRESS.set(socket, address);
      IMPL_PORT.setInt(socket, port);
    } else if (socket instanceof SocketChannel) {
      field(socket.getClass(), "remoteAddress").set(socket, new InetSocketAddress(address, port));
    }
  }

  /** The real local port of a bound server channel. */
  public static int localPort(Object server) throws Exception {
    if (server instanceof ServerSocketChannel) {
      SocketAddress local = ((ServerSocketChannel) server).getLocalAddress();
      return local == null ? -1 : ((InetSocketAddress) local).getPort();
    }
    if (server instanceof java.net.SocketImpl) {
      // java.net.ServerSocket's NioSocketImpl: the port it listens on (recovery connects stand-ins
      // to listeners that CRIU restored).
      return field(server.getClass(), "localport").getInt(server);
    }
    return -1;
  }

  /** Makes a replayed server channel report the recorded local port. */
  public static void setLocalPort(Object server, int port) throws Exception {
    if (server instanceof ServerSocketChannel) {
      Field local = field(server.getClass(), "localAddress");
      InetSocketAddress current = (InetSocketAddress) local.get(server);
      InetAddress address =
          current != null ? current.getAddress() : InetAddress.getLoopbackAddress();
      local.set(server, new InetSocketAddress(address, port));
    }
  }

  /** "host/1.2.3.4" or "1.2.3.4" as written by {@link #describe}. */
  static InetAddress parse(String text) throws Exception {
    if (text == null || text.isEmpty()) {
      return InetAddress.getLoopbackAddress();
    }
    int slash = text.indexOf('/');
    String host = slash > 0 ? text.substring(0, slash) : null;
    String literal = slash >= 0 ? text.substring(slash + 1) : text;
    InetAddress numeric = InetAddress.getByName(literal);
    return host == null ? numeric : InetAddress.getByAddress(host, numeric.getAddress());
  }

  /** How an address is kept in a determinant: host name (when known) and numeric address. */
  public static String describe(InetAddress address) {
    return address == null ? "" : address.toString();
  }

  private static Method method(Class<?> type, String name) {
    try {
      Method m = type.getDeclaredMethod(name);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JDK has no " + type.getName() + "." + name + "()", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot access " + c.getName() + "." + name, e);
      }
    }
    throw new IllegalStateException("no field " + name + " in " + type.getName());
  }
}
