package io.ftjvm.testapps.kv;

import io.ftjvm.testapps.common.Args;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory key-value server for the fault-tolerance tests: thread per connection, one shared map
 * guarded by a ReentrantLock, every entry stamped with System.currentTimeMillis(). All state lives
 * in memory, so after a crash only FT-JVM's recovery can bring it back. Line protocol (UTF-8, one
 * request line, one response line; keys and values are single tokens without whitespace):
 *
 * <pre>
 * PUT &lt;key&gt; &lt;value&gt; [&lt;reqid&gt;]  -&gt; OK &lt;version&gt;   version = per-key count of applied PUTs (1, 2, ...)
 *                                  a reqid already applied is not applied again: the answer repeats
 *                                  the version it got the first time
 * GET &lt;key&gt;                    -&gt; VALUE &lt;value&gt; &lt;version&gt; &lt;stamp millis&gt;  |  MISSING
 * COUNT                        -&gt; COUNT &lt;number of keys&gt;
 * SUM                          -&gt; SUM &lt;sum of the versions of all keys&gt;
 * QUIT                         -&gt; BYE   (then the server closes the connection)
 * anything else                -&gt; ERROR &lt;reason&gt;
 * </pre>
 *
 * stdout:
 *
 * <pre>
 * listening on port &lt;port&gt;
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; served &lt;n&gt; commands
 * connection &lt;k&gt; from &lt;ip&gt;:&lt;port&gt; failed after &lt;n&gt; commands: &lt;exception class&gt;: &lt;message&gt;
 * exiting after &lt;N&gt; connections          (only with --max-connections N)
 * </pre>
 */
public final class KeyValueServer {
  private static final String USAGE =
      "usage: KeyValueServer --port P [--bind ADDR] [--max-connections N]\n"
          + "  --port P             0..65535, 0 = ephemeral\n"
          + "  --bind ADDR          address to listen on (default 127.0.0.1)\n"
          + "  --max-connections N  exit after N connections were served (default 0 = forever)";

  private record Entry(String value, long version, long stamp) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Entry> data = new HashMap<>();
  // reqid -> version it produced. Guarded by the lock like the data; a ConcurrentHashMap all the
  // same, as a service would use, so that its operations are among the events recovery replays.
  private final Map<String, Long> appliedRequests = new ConcurrentHashMap<>();

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("port", "bind", "max-connections"), 0);
    int port = args.requiredInt("port", 0, 65535);
    int maxConnections = args.intFlag("max-connections", 0, 0, Integer.MAX_VALUE);
    InetAddress bind = null;
    try {
      bind = InetAddress.getByName(args.string("bind", "127.0.0.1"));
    } catch (UnknownHostException e) {
      args.fail("cannot resolve --bind " + args.string("bind", ""));
    }
    new KeyValueServer().serve(new InetSocketAddress(bind, port), maxConnections);
  }

  private void serve(InetSocketAddress address, int maxConnections) throws Exception {
    List<Thread> handlers = new ArrayList<>();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(address, 128);
      System.out.println("listening on port " + server.getLocalPort());
      System.out.flush();
      for (int k = 1; maxConnections == 0 || k <= maxConnections; k++) {
        Socket socket = server.accept();
        int index = k;
        Thread t = new Thread(() -> connection(index, socket), "kv-connection-" + k);
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

  private void connection(int index, Socket socket) {
    String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    int served = 0;
    String failure = null;
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            new BufferedWriter(
                new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8))) {
      socket.setTcpNoDelay(true);
      String line;
      while ((line = in.readLine()) != null) {
        served++;
        String response = execute(line.trim().split("\\s+"));
        out.write(response + "\n");
        out.flush();
        if (response.equals("BYE")) {
          break;
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
                ? " served " + served + " commands"
                : " failed after " + served + " commands: " + failure));
  }

  private String execute(String[] words) {
    String command = words[0];
    lock.lock();
    try {
      switch (command) {
        case "PUT":
          if (words.length != 3 && words.length != 4) {
            return "ERROR usage: PUT <key> <value> [<reqid>]";
          }
          return "OK " + put(words[1], words[2], words.length == 4 ? words[3] : null);
        case "GET":
          if (words.length != 2) {
            return "ERROR usage: GET <key>";
          }
          Entry e = data.get(words[1]);
          return e == null ? "MISSING" : "VALUE " + e.value() + " " + e.version() + " " + e.stamp();
        case "COUNT":
          return "COUNT " + data.size();
        case "SUM":
          return "SUM " + data.values().stream().mapToLong(Entry::version).sum();
        case "QUIT":
          return "BYE";
        default:
          return "ERROR unknown command " + (command.isEmpty() ? "(empty)" : command);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held. */
  private long put(String key, String value, String reqid) {
    if (reqid != null) {
      Long version = appliedRequests.get(reqid);
      if (version != null) {
        return version; // a client re-sent a write whose ack it lost: do not apply it twice
      }
    }
    Entry previous = data.get(key);
    long version = previous == null ? 1 : previous.version() + 1;
    data.put(key, new Entry(value, version, System.currentTimeMillis()));
    if (reqid != null) {
      appliedRequests.put(reqid, version);
    }
    return version;
  }
}
