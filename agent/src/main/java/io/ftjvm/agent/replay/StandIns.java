package io.ftjvm.agent.replay;

import io.ftjvm.capture.AgentThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Local stand-ins for the peers of a replayed program, which are not there. Replayed sockets are
 * real loopback sockets (so every JDK state check and socket option behaves), but no byte is really
 * exchanged: reads and writes are served and checked from the recording.
 *
 * <ul>
 *   <li>A server socket binds a free loopback port; for each recorded accept a stand-in client
 *       connects to it, so the real accept returns at once.
 *   <li>A client connect is redirected to one stand-in acceptor that holds the connections.
 * </ul>
 */
public final class StandIns {
  private final Map<Object, Integer> listenerPorts = new WeakHashMap<>();
  private final List<Socket> held = new ArrayList<>();
  private final Set<Integer> clientPorts = new HashSet<>();
  private ServerSocket acceptor;

  synchronized void listening(Object server, int realPort) {
    listenerPorts.put(server, realPort);
  }

  /** Makes the next real accept on this server socket return immediately. */
  public synchronized void connectClientTo(Object server) throws IOException {
    Integer port = listenerPorts.get(server);
    if (port == null) {
      // Recovery: a listener restored by CRIU (bound before the checkpoint) listens on its real
      // port.
      try {
        port = io.ftjvm.agent.socket.SocketFields.localPort(server);
      } catch (Exception e) {
        throw new IOException("replay: cannot find the port of " + server + ": " + e, e);
      }
    }
    Socket client = new Socket();
    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    held.add(client);
    clientPorts.add(client.getLocalPort());
  }

  /**
   * Whether a connection a replayed accept returned comes from a stand-in. In recovery the listener
   * is the real one, so a real client that connects meanwhile can be accepted in a stand-in's
   * place.
   */
  synchronized boolean isStandIn(InetSocketAddress peer) {
    return peer != null
        && peer.getAddress().isLoopbackAddress()
        && clientPorts.contains(peer.getPort());
  }

  /**
   * Recovery going live: closes the stand-in ends, so that connections replayed from the log read
   * as closed by their peers (the real peers went away with the crash).
   */
  public synchronized void hangUpAll() {
    for (Socket s : held) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    held.clear();
  }

  /** Where replayed client connections really go. */
  synchronized InetSocketAddress acceptorAddress() throws IOException {
    if (acceptor == null) {
      acceptor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      ServerSocket listening = acceptor;
      Thread thread =
          AgentThreads.daemon(
              "ftjvm-replay-stand-in",
              () -> {
                try {
                  while (true) {
                    Socket peer = listening.accept();
                    synchronized (this) {
                      held.add(peer);
                    }
                  }
                } catch (IOException closed) {
                  // the JVM is ending
                }
              });
      thread.start();
    }
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.getLocalPort());
  }
}
