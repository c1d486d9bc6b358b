package io.ftjvm.testapps.echo;

import io.ftjvm.testapps.common.Args;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Set;

/**
 * Same protocol, flags and output as {@link RequestResponseServer}, but one thread serving every
 * connection through a {@link Selector} with non-blocking channels: which connection is served
 * first, and how requests arrive in pieces, depends on timing, yet the output of a single thread is
 * all there is, so a replay must reproduce it line for line.
 *
 * <pre>
 * listening on port &lt;port&gt;
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; served &lt;n&gt; requests
 * exiting after &lt;N&gt; connections
 * </pre>
 */
public final class SelectorRequestResponseServer {
  private static final String USAGE =
      RequestResponseServer.USAGE.replace(
          "usage: RequestResponseServer", "usage: SelectorRequestResponseServer");

  /** Per-connection state: the frame being read and the responses not yet written. */
  private static final class Connection {
    final int index;
    final String peer;
    ByteBuffer header = ByteBuffer.allocate(4);
    ByteBuffer payload;
    ByteBuffer pending = ByteBuffer.allocate(0);
    int served;

    Connection(int index, String peer) {
      this.index = index;
      this.peer = peer;
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("port", "max-connections", "bind"), 0);
    int port = args.requiredInt("port", 0, 65535);
    int maxConnections = args.intFlag("max-connections", 0, 0, Integer.MAX_VALUE);
    InetAddress bind = RequestResponseServer.resolve(args, args.string("bind", "127.0.0.1"));
    int accepted = 0;
    int closed = 0;
    try (Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(bind, port), 128);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      System.out.println(
          "listening on port " + ((InetSocketAddress) server.getLocalAddress()).getPort());
      System.out.flush();
      while (maxConnections == 0 || closed < maxConnections) {
        selector.select();
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          if (key.isAcceptable()) {
            SocketChannel channel = server.accept();
            if (channel != null) {
              channel.configureBlocking(false);
              InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
              String peer = remote.getAddress().getHostAddress() + ":" + remote.getPort();
              channel.register(selector, SelectionKey.OP_READ, new Connection(++accepted, peer));
            }
          } else if (key.isReadable() && !serve(key)) {
            Connection c = (Connection) key.attachment();
            System.out.println(
                "connection " + c.index + " from " + c.peer + " served " + c.served + " requests");
            key.channel().close();
            closed++;
          }
        }
      }
    }
    System.out.println("exiting after " + maxConnections + " connections");
  }

  /** Reads what is there, answers every complete request; false when the peer has closed. */
  private static boolean serve(SelectionKey key) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    Connection c = (Connection) key.attachment();
    while (true) {
      ByteBuffer target = c.payload == null ? c.header : c.payload;
      int n = channel.read(target);
      if (n < 0) {
        return false;
      }
      if (target.hasRemaining()) {
        return true; // wait for the rest
      }
      if (c.payload == null) {
        int length = c.header.flip().getInt();
        Protocol.checkLength(length);
        c.payload = ByteBuffer.allocate(length);
        if (length > 0) {
          continue;
        }
      }
      c.served++;
      ByteBuffer response =
          ByteBuffer.wrap(Protocol.frame(Protocol.response(c.served, c.payload.array())));
      while (response.hasRemaining()) {
        channel.write(response); // small responses: the socket buffer takes them at once
      }
      c.header.clear();
      c.payload = null;
    }
  }
}
