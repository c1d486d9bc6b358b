package io.ftjvm.testapps.echo;

import io.ftjvm.testapps.common.Args;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the echo servers: C threads, each with its own connection, each sending N
 * requests (or requests for S seconds) of B bytes and checking every response exactly (length,
 * request number, crc32 and reversed payload; see {@link Protocol}). Payloads are derived from the
 * connection index and request number only, so two runs send identical bytes.
 *
 * <p>Problems go to stderr as {@code connection <c> request <r>: <what>}; a connection stops at its
 * first problem. The only stdout line, at the end:
 *
 * <pre>
 * requests=&lt;completed requests&gt; seconds=&lt;elapsed, 3 decimals&gt; rps=&lt;requests per second, 1 decimal&gt; errors=&lt;e&gt;
 * </pre>
 *
 * Exit status 1 when errors &gt; 0.
 */
public final class LoadClient {
  private static final String USAGE =
      "usage: LoadClient --host H --port P [--connections C] [--requests N] [--size B] [--seconds S]\n"
          + "  --connections C  parallel connections, one thread each (default 4)\n"
          + "  --requests N     requests per connection (default 100)\n"
          + "  --size B         payload bytes per request (default 64)\n"
          + "  --seconds S      send for S seconds instead of a fixed count (excludes --requests)";

  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  public static void main(String[] argv) throws Exception {
    Args args =
        Args.parse(
            argv, USAGE, Set.of("host", "port", "connections", "requests", "size", "seconds"), 0);
    String host = args.required("host");
    int port = args.requiredInt("port", 1, 65535);
    int connections = args.intFlag("connections", 4, 1, 10_000);
    int requests = args.intFlag("requests", 100, 0, Integer.MAX_VALUE);
    int size = args.intFlag("size", 64, 0, Protocol.MAX_PAYLOAD - 64);
    int seconds = args.intFlag("seconds", 0, 1, 86_400);
    if (args.has("seconds") && args.has("requests")) {
      args.fail("--seconds and --requests are mutually exclusive");
    }
    new LoadClient()
        .run(host, port, connections, args.has("seconds") ? -1 : requests, size, seconds);
  }

  private void run(String host, int port, int connections, int requests, int size, int seconds)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    Thread[] threads = new Thread[connections];
    for (int c = 0; c < connections; c++) {
      int index = c;
      threads[c] =
          new Thread(() -> connection(host, port, index, requests, size, deadline), "client-" + c);
      threads[c].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long total = completed.get();
    System.out.println(
        String.format(
            Locale.ROOT,
            "requests=%d seconds=%.3f rps=%.1f errors=%d",
            total,
            elapsed,
            elapsed > 0 ? total / elapsed : 0.0,
            errors.get()));
    System.exit(errors.get() == 0 ? 0 : 1);
  }

  /** One connection; {@code requests < 0} means "until the deadline". */
  private void connection(String host, int port, int c, int requests, int size, long deadline) {
    int r = 0;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = socket.getOutputStream();
      while (requests >= 0 ? r < requests : System.nanoTime() < deadline) {
        r++;
        byte[] payload = Protocol.payload(c, r, size);
        Protocol.writeFrame(out, payload);
        byte[] response = Protocol.readFrame(in);
        if (response == null) {
          fail(c, r, "connection closed by server");
          return;
        }
        byte[] expected = Protocol.response(r, payload);
        if (!Arrays.equals(response, expected)) {
          fail(
              c,
              r,
              "unexpected response (length "
                  + response.length
                  + ", expected "
                  + expected.length
                  + ")");
          return;
        }
        completed.incrementAndGet();
      }
    } catch (IOException e) {
      fail(c, r, e.getClass().getName() + ": " + e.getMessage());
    }
  }

  private void fail(int c, int r, String what) {
    errors.incrementAndGet();
    System.err.println("connection " + c + " request " + r + ": " + what);
  }
}
