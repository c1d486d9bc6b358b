package io.ftjvm.testapps.echo;

import io.ftjvm.testapps.common.Args;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Same protocol, flags and output as {@link RequestResponseServer}, but on blocking java.nio
 * channels ({@link ServerSocketChannel}, {@link SocketChannel}) and ByteBuffers, one thread per
 * connection: exercises the NIO socket paths, where a read may return fewer bytes than the buffer
 * has room for.
 *
 * <pre>
 * listening on port &lt;port&gt;
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; served &lt;n&gt; requests
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; failed after &lt;n&gt; requests: &lt;exception class&gt;: &lt;message&gt;
 * exiting after &lt;N&gt; connections
 * </pre>
 */
public final class NioRequestResponseServer {
  private static final String USAGE =
      RequestResponseServer.USAGE.replace(
          "usage: RequestResponseServer", "usage: NioRequestResponseServer");

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("port", "max-connections", "bind"), 0);
    int port = args.requiredInt("port", 0, 65535);
    int maxConnections = args.intFlag("max-connections", 0, 0, Integer.MAX_VALUE);
    InetAddress bind = RequestResponseServer.resolve(args, args.string("bind", "127.0.0.1"));

    List<Thread> handlers = new ArrayList<>();
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(bind, port), 128);
      int actualPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
      System.out.println("listening on port " + actualPort);
      System.out.flush();
      for (int k = 1; maxConnections == 0 || k <= maxConnections; k++) {
        SocketChannel channel = server.accept(); // blocking mode (the default)
        int index = k;
        Thread t = new Thread(() -> serve(index, channel), "connection-" + k);
        t.start();
        if (maxConnections > 0) {
          handlers.add(t);
        }
      }
    }
    for (Thread t : handlers) {
      t.join();
    }
    System.out.println("exiting after " + maxConnections + " connections");
  }

  private static void serve(int index, SocketChannel channel) {
    String peer = "?";
    int served = 0;
    String failure = null;
    try (channel) {
      InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
      peer = remote.getAddress().getHostAddress() + ":" + remote.getPort();
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ByteBuffer header = ByteBuffer.allocate(4);
      while (true) {
        header.clear();
        if (!readFully(channel, header, true)) {
          break; // clean close between requests
        }
        int length = header.flip().getInt();
        Protocol.checkLength(length);
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, false);
        served++;
        ByteBuffer response =
            ByteBuffer.wrap(Protocol.frame(Protocol.response(served, payload.array())));
        while (response.hasRemaining()) {
          channel.write(response);
        }
      }
    } catch (IOException e) {
      failure = e.getClass().getName() + ": " + e.getMessage();
    }
    System.out.println(
        "connection "
            + index
            + " from "
            + peer
            + (failure == null
                ? " served " + served + " requests"
                : " failed after " + served + " requests: " + failure));
  }

  /**
   * Fills the buffer, looping over partial reads. Returns false if the stream ended before the
   * first byte and {@code eofAllowed}; an end of stream anywhere else is an error.
   */
  private static boolean readFully(SocketChannel channel, ByteBuffer buffer, boolean eofAllowed)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        if (eofAllowed && buffer.position() == 0) {
          return false;
        }
        throw new EOFException("connection closed inside a frame");
      }
    }
    return true;
  }
}
