package io.ftjvm.testapps.kv;

import io.ftjvm.testapps.common.Args;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Client for {@link KeyValueServer} that checks the server never loses or duplicates an
 * acknowledged write, even when the server crashes and is recovered in the middle. It writes N
 * known values sequentially, cycling over K keys, each write with a client-chosen request id
 * ({@code PUT <id>.k<j> <id>.v<i> <id>.r<i>}); when the connection breaks (EOF, reset, refused,
 * read timeout) it reconnects with exponential backoff and re-sends the unacknowledged write with
 * the same request id, so a write whose ack was lost is not applied twice. At the end it GETs every
 * key: the value must be the last write to the key and the version must equal the number of writes
 * to it (each write bumps the per-key version once). Every ack must also carry the expected
 * version. Every tenth write is read back to check that the server's clock stamps never go back,
 * across crashes and recoveries too.
 *
 * <p>Keys, values and request ids are prefixed with the client id (default: random), so runs do not
 * disturb each other on a shared server; reuse a fixed --client-id only against a fresh server.
 *
 * <p>stderr gets the details of every reconnect and anomaly. stdout, at the end:
 *
 * <pre>
 * reconnects=&lt;r&gt; resent=&lt;s&gt; ack-anomalies=&lt;a&gt; clock-regressions=&lt;c&gt;
 * acknowledged=&lt;n&gt; verified=&lt;n&gt; missing=&lt;n&gt; duplicates=&lt;n&gt;
 * </pre>
 *
 * With --log FILE, every acknowledged write is appended (and flushed) as a line {@code <reqid>
 * <key> <value> <version>}. Exit 1 on any missing write, duplicate, ack anomaly, unacknowledged
 * write or unexpected response; 0 otherwise.
 */
public final class KeyValueClient {
  private static final String USAGE =
      "usage: KeyValueClient --port P --writes N [--keys K] [--log FILE] [--host H] [--client-id ID]\n"
          + "                      [--give-up-seconds S] [--timeout-ms T]\n"
          + "  --writes N           number of sequential writes (1..10000000)\n"
          + "  --keys K             distinct keys the writes cycle over (default 10)\n"
          + "  --log FILE           append every acknowledged write to FILE\n"
          + "  --host H             server host (default 127.0.0.1)\n"
          + "  --client-id ID       prefix of keys, values and request ids (default: random)\n"
          + "  --give-up-seconds S  stop retrying a request after S seconds of failures (default 60)\n"
          + "  --timeout-ms T       connect and read timeout, then reconnect and re-send (default 10000)";

  private static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GiveUp(IOException cause) {
      super(cause);
    }
  }

  /** An acknowledged write. */
  private record Ack(String value, long version) {}

  private final String host;
  private final int port;
  private final long giveUpNanos;
  private final int timeoutMillis;
  private Socket socket;
  private BufferedReader in;
  private Writer out;
  private boolean everConnected;
  private int reconnects;
  private int resent;

  private KeyValueClient(String host, int port, int giveUpSeconds, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.giveUpNanos = giveUpSeconds * 1_000_000_000L;
    this.timeoutMillis = timeoutMillis;
  }

  public static void main(String[] argv) {
    Args args =
        Args.parse(
            argv,
            USAGE,
            Set.of(
                "port",
                "writes",
                "keys",
                "log",
                "host",
                "client-id",
                "give-up-seconds",
                "timeout-ms"),
            0);
    int port = args.requiredInt("port", 1, 65535);
    int writes = args.requiredInt("writes", 1, 10_000_000);
    int keys = args.intFlag("keys", 10, 1, 1_000_000);
    String clientId = args.string("client-id", randomId());
    if (!clientId.matches("[A-Za-z0-9_-]+")) {
      args.fail("--client-id must match [A-Za-z0-9_-]+");
    }
    PrintWriter log = null;
    if (args.has("log")) {
      try {
        log =
            new PrintWriter(
                Files.newBufferedWriter(
                    Path.of(args.required("log")),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND),
                true);
      } catch (IOException e) {
        args.fail("cannot open --log " + args.required("log") + ": " + e.getMessage());
      }
    }
    KeyValueClient client =
        new KeyValueClient(
            args.string("host", "127.0.0.1"),
            port,
            args.intFlag("give-up-seconds", 60, 1, 86_400),
            args.intFlag("timeout-ms", 10_000, 1, 3_600_000));
    try {
      System.exit(client.run(clientId, writes, Math.min(keys, writes), log) ? 0 : 1);
    } catch (IllegalStateException | NumberFormatException e) { // an answer outside the protocol
      System.err.println("protocol error: " + e.getMessage());
      System.exit(1);
    }
  }

  private boolean run(String id, int writes, int keys, PrintWriter log) {
    // acks.get(j) lists the acknowledged writes to key j, in write order
    List<List<Ack>> acks = new ArrayList<>();
    for (int j = 0; j < keys; j++) {
      acks.add(new ArrayList<>());
    }
    int acknowledged = 0;
    int anomalies = 0;
    int clockRegressions = 0;
    long lastStamp = Long.MIN_VALUE;
    boolean gaveUp = false;
    try {
      for (int i = 1; i <= writes; i++) {
        int j = (i - 1) % keys;
        String key = id + ".k" + j;
        String value = id + ".v" + i;
        String reqid = id + ".r" + i;
        String response = call("PUT " + key + " " + value + " " + reqid);
        long version = parseOk(response);
        List<Ack> keyAcks = acks.get(j);
        keyAcks.add(new Ack(value, version));
        acknowledged++;
        if (version != keyAcks.size()) {
          anomalies++;
          if (anomalies <= 10) { // once the server lost state, every later ack is off: do not flood
            System.err.println(
                "anomaly: "
                    + reqid
                    + " on "
                    + key
                    + " acknowledged with version "
                    + version
                    + ", expected "
                    + keyAcks.size()
                    + (anomalies == 10 ? " (further anomalies not shown)" : ""));
          }
        }
        if (log != null) {
          log.println(reqid + " " + key + " " + value + " " + version);
        }
        if (i % CLOCK_CHECK_EVERY == 0) {
          // Each write is stamped with the server's clock, and this client writes one after the
          // other: the stamps never go back, whatever crashes and recoveries came in between.
          long stamp = stampOf(key, call("GET " + key));
          if (stamp < lastStamp) {
            clockRegressions++;
            System.err.println(
                "clock went back: " + key + " stamped " + stamp + " after " + lastStamp);
          }
          lastStamp = Math.max(lastStamp, stamp);
        }
      }
    } catch (GiveUp e) {
      gaveUp = true;
      System.err.println("giving up on the server: " + e.getCause());
    }

    int verified = 0;
    int missing = 0;
    int duplicates = 0;
    if (!gaveUp) { // after giving up, the server is gone: nothing can be verified
      try {
        for (int j = 0; j < keys; j++) {
          int[] counts = verify(id + ".k" + j, acks.get(j), call("GET " + id + ".k" + j));
          verified += counts[0];
          missing += counts[1];
          duplicates += counts[2];
        }
      } catch (GiveUp e) {
        gaveUp = true;
        System.err.println("giving up on the server during verification: " + e.getCause());
      }
    }
    if (gaveUp) {
      missing = acknowledged - verified; // what could not be verified counts as missing
    }
    closeQuietly();
    System.out.println(
        "reconnects="
            + reconnects
            + " resent="
            + resent
            + " ack-anomalies="
            + anomalies
            + " clock-regressions="
            + clockRegressions);
    System.out.println(
        "acknowledged="
            + acknowledged
            + " verified="
            + verified
            + " missing="
            + missing
            + " duplicates="
            + duplicates);
    return !gaveUp
        && acknowledged == writes
        && missing == 0
        && duplicates == 0
        && anomalies == 0
        && clockRegressions == 0;
  }

  /** How often the client reads back what it wrote to check the server's clock stamps. */
  private static final int CLOCK_CHECK_EVERY = 10;

  /** The clock stamp of a GET answer. */
  private static long stampOf(String key, String response) {
    return Long.parseLong(valueFields(key, response)[3]);
  }

  /** A GET answer's words, {@code VALUE <value> <version> <stamp>}; anything else is refused. */
  private static String[] valueFields(String key, String response) {
    String[] w = response.split(" ");
    if (w.length != 4 || !w[0].equals("VALUE")) {
      throw new IllegalStateException("unexpected response to GET " + key + ": " + response);
    }
    return w;
  }

  /** Returns {verified, missing, duplicates} for one key, given the server's GET answer. */
  private static int[] verify(String key, List<Ack> acks, String response) {
    int expected = acks.size();
    if (response.equals("MISSING")) {
      System.err.println(
          "missing: " + key + " is absent, " + expected + " writes were acknowledged");
      return new int[] {0, expected, 0};
    }
    String[] w = valueFields(key, response);
    String value = w[1];
    long version = Long.parseLong(w[2]);
    if (!value.equals(acks.get(expected - 1).value())) {
      // the latest writes are gone: find which of ours is there, if any
      int present = -1;
      for (int o = 0; o < expected; o++) {
        if (acks.get(o).value().equals(value)) {
          present = o;
        }
      }
      int lost = expected - (present + 1);
      System.err.println(
          "missing: "
              + key
              + " holds "
              + value
              + ", the last "
              + lost
              + " acknowledged writes are lost");
      return new int[] {expected - lost, lost, 0};
    }
    if (version > expected) {
      System.err.println(
          "duplicates: " + key + " has version " + version + " after " + expected + " writes");
      return new int[] {expected, 0, (int) (version - expected)};
    }
    if (version < expected) {
      System.err.println(
          "missing: " + key + " has version " + version + " after " + expected + " writes");
      return new int[] {(int) version, (int) (expected - version), 0};
    }
    return new int[] {expected, 0, 0};
  }

  private static long parseOk(String response) {
    String[] w = response.split(" ");
    if (w.length != 2 || !w[0].equals("OK")) {
      throw new IllegalStateException("unexpected response to PUT: " + response);
    }
    return Long.parseLong(w[1]);
  }

  /**
   * Sends one request line and returns the response line. A broken connection is re-opened with
   * exponential backoff (20 ms doubling up to 1 s) and the same request is sent again, until
   * --give-up-seconds have passed since the first failure of this request.
   */
  private String call(String request) throws GiveUp {
    long firstFailure = 0;
    long backoffMillis = 20;
    for (int attempt = 0; ; attempt++) {
      try {
        if (socket == null) {
          connect();
        }
        if (attempt > 0) {
          resent++;
        }
        out.write(request + "\n");
        out.flush();
        String response = in.readLine();
        if (response == null) {
          throw new EOFException("server closed the connection");
        }
        return response;
      } catch (IOException e) {
        closeQuietly();
        long now = System.nanoTime();
        if (attempt == 0) {
          firstFailure = now;
          System.err.println("connection problem (" + e + "), retrying: " + request);
        } else if (now - firstFailure > giveUpNanos) {
          throw new GiveUp(e);
        }
        sleep(backoffMillis);
        backoffMillis = Math.min(1_000, backoffMillis * 2);
      }
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      s.setSoTimeout(timeoutMillis); // a hung server counts as a broken connection
      s.setTcpNoDelay(true);
      in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    if (everConnected) {
      reconnects++;
      System.err.println("reconnected (" + reconnects + ")");
    }
    everConnected = true;
  }

  private void closeQuietly() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do: the connection is being abandoned anyway
      }
      socket = null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String randomId() {
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    return "c" + HexFormat.of().formatHex(b);
  }
}
