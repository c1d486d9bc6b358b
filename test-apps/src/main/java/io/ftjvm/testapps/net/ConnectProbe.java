package io.ftjvm.testapps.net;

import io.ftjvm.testapps.common.Args;
import io.ftjvm.testapps.echo.Protocol;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Exercises a failing connect and a short client conversation. First connects to a loopback port
 * where nothing listens (by default one found by binding an ephemeral ServerSocket and closing it)
 * and prints the class of the exception; then connects to 127.0.0.1:P where an echo server runs
 * ({@code RequestResponseServer} or its NIO twin), sends the requests "probe-1".."probe-3" and
 * prints each response. The output is deterministic given the server's answers:
 *
 * <pre>
 * refused: java.net.ConnectException
 * response 1: #1:&lt;crc32 hex&gt;:1-eborp
 * response 2: #2:&lt;crc32 hex&gt;:2-eborp
 * response 3: #3:&lt;crc32 hex&gt;:3-eborp
 * closed
 * </pre>
 *
 * The refused port number is never printed (it differs between runs). Exit 1 if the first connect
 * unexpectedly succeeds ("refused: connected"), a response is not the expected one, or the
 * conversation fails (message on stderr).
 */
public final class ConnectProbe {
  private static final String USAGE =
      "usage: ConnectProbe --port P [--closed-port Q]\n"
          + "  --port P         port of a running echo server on 127.0.0.1\n"
          + "  --closed-port Q  port where nothing listens (default: find one)";

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("port", "closed-port"), 0);
    int port = args.requiredInt("port", 1, 65535);
    int closedPort =
        args.has("closed-port") ? args.requiredInt("closed-port", 1, 65535) : findClosedPort();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    boolean ok = true;

    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(loopback, closedPort), 5_000);
      System.out.println("refused: connected");
      ok = false;
    } catch (IOException e) {
      System.out.println("refused: " + e.getClass().getName());
    }

    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(loopback, port), 5_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      for (int i = 1; i <= 3; i++) {
        byte[] payload = ("probe-" + i).getBytes(StandardCharsets.US_ASCII);
        Protocol.writeFrame(out, payload);
        byte[] response = Protocol.readFrame(in);
        if (response == null) {
          throw new IOException("server closed the connection before response " + i);
        }
        System.out.println(
            "response " + i + ": " + new String(response, StandardCharsets.ISO_8859_1));
        if (!Arrays.equals(response, Protocol.response(i, payload))) {
          System.err.println("response " + i + " is not the expected one");
          ok = false;
        }
      }
    } catch (IOException e) {
      System.err.println("conversation failed: " + e);
      System.exit(1);
    }
    System.out.println("closed");
    System.exit(ok ? 0 : 1);
  }

  /** A port that was free a moment ago: bind an ephemeral port on loopback and release it. */
  private static int findClosedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }
}
