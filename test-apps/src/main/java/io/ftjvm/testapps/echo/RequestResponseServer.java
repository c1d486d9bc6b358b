package io.ftjvm.testapps.echo;

import io.ftjvm.testapps.common.Args;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Request/response server on blocking {@link java.net.ServerSocket} with one thread per connection;
 * exercises accept, stream reads (including partial reads) and writes. Protocol: see {@link
 * Protocol}.
 *
 * <pre>
 * listening on port &lt;port&gt;                                     (once, flushed, when ready)
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; served &lt;n&gt; requests             (per connection, when it closes)
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; failed after &lt;n&gt; requests: &lt;exception class&gt;: &lt;message&gt;
 * exiting after &lt;N&gt; connections                                  (only with --max-connections N)
 * </pre>
 *
 * k is the accept order, from 1. With --max-connections N the server stops accepting after N
 * connections, waits until they are all closed and exits 0.
 */
public final class RequestResponseServer {
  static final String USAGE =
      "usage: RequestResponseServer --port P [--max-connections N] [--bind ADDR]\n"
          + "  --port P             0..65535, 0 = ephemeral\n"
          + "  --max-connections N  exit after N connections were served (default 0 = forever)\n"
          + "  --bind ADDR          address to listen on (default 127.0.0.1)";

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("port", "max-connections", "bind"), 0);
    int port = args.requiredInt("port", 0, 65535);
    int maxConnections = args.intFlag("max-connections", 0, 0, Integer.MAX_VALUE);
    InetAddress bind = resolve(args, args.string("bind", "127.0.0.1"));

    List<Thread> handlers = new ArrayList<>();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(bind, port), 128);
      System.out.println("listening on port " + server.getLocalPort());
      System.out.flush();
      for (int k = 1; maxConnections == 0 || k <= maxConnections; k++) {
        Socket socket = server.accept();
        int index = k;
        Thread t = new Thread(() -> serve(index, socket), "connection-" + k);
        t.start();
        if (maxConnections > 0) { // only then do we wait for them; forever mode keeps no list
          handlers.add(t);
        }
      }
    }
    for (Thread t : handlers) {
      t.join();
    }
    System.out.println("exiting after " + maxConnections + " connections");
  }

  private static void serve(int index, Socket socket) {
    String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    int served = 0;
    String failure = null;
    try (socket;
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        OutputStream out = socket.getOutputStream()) {
      socket.setTcpNoDelay(true); // small request/response frames: do not wait for Nagle
      byte[] request;
      while ((request = Protocol.readFrame(in)) != null) {
        served++;
        Protocol.writeFrame(out, Protocol.response(served, request));
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

  static InetAddress resolve(Args args, String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      args.fail("cannot resolve --bind " + host);
      return null;
    }
  }
}
