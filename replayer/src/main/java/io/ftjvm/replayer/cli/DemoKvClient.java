package io.ftjvm.replayer.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The demo's client of the key-value server (test-apps KeyValueServer's line protocol: one request
 * line, one answer line). Like a real client of a server that can crash, it reconnects when the
 * connection breaks or cannot be made, and sends the request again; the demo's writes carry a
 * request id, so a write sent twice is applied once by the server.
 */
final class DemoKvClient implements Closeable {
  /** A hung connection counts as broken after this long (then: reconnect, send again). */
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final int port;
  private final Duration patience;
  private final BooleanSupplier serverMayComeBack;
  private Socket socket;
  private BufferedReader in;
  private Writer out;
  private int brokenConnections;

  /**
   * @param patience how long one request may keep failing before the client gives up (a hang guard:
   *     the server may be down while it is being recovered)
   * @param serverMayComeBack false once waiting is pointless (the server's supervisor has ended)
   */
  DemoKvClient(int port, Duration patience, BooleanSupplier serverMayComeBack) {
    this.port = port;
    this.patience = patience;
    this.serverMayComeBack = serverMayComeBack;
  }

  /** {@code PUT key value reqid}: the version the server answers with ({@code OK <version>}). */
  long put(String key, String value, String requestId) throws IOException {
    String answer = call("PUT " + key + " " + value + " " + requestId);
    String[] words = answer.split(" ");
    if (words.length != 2 || !words[0].equals("OK")) {
      throw new IOException("unexpected answer to PUT " + key + ": " + answer);
    }
    return Long.parseLong(words[1]);
  }

  /** {@code GET key}: {@code VALUE <value> <version> <stamp>} or {@code MISSING}. */
  String get(String key) throws IOException {
    return call("GET " + key);
  }

  /** {@code COUNT}: how many keys the server holds. */
  long count() throws IOException {
    String answer = call("COUNT");
    String[] words = answer.split(" ");
    if (words.length != 2 || !words[0].equals("COUNT")) {
      throw new IOException("unexpected answer to COUNT: " + answer);
    }
    return Long.parseLong(words[1]);
  }

  /** Connections that broke under a request (each one was re-made and the request sent again). */
  int brokenConnections() {
    return brokenConnections;
  }

  private String call(String request) throws IOException {
    long deadline = System.nanoTime() + patience.toNanos();
    long backoffMillis = 20;
    while (true) {
      boolean connected = socket != null;
      try {
        if (!connected) {
          connect();
          connected = true;
        }
        out.write(request + "\n");
        out.flush();
        String answer = in.readLine();
        if (answer == null) {
          throw new EOFException("the server closed the connection");
        }
        return answer;
      } catch (IOException e) {
        if (connected) {
          brokenConnections++;
        }
        close();
        if (!serverMayComeBack.getAsBoolean()) {
          throw new IOException(
              "no answer to '" + request + "' (" + e + "), and ftjvm run has ended", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "no answer from the server on port "
                  + port
                  + " to '"
                  + request
                  + "' within "
                  + patience.toSeconds()
                  + " s: "
                  + e,
              e);
        }
        sleep(backoffMillis);
        backoffMillis = Math.min(500, backoffMillis * 2);
      }
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // the connection is being abandoned anyway
      }
      socket = null;
    }
  }
}
