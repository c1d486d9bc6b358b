package io.ftjvm.testapps.net;

import io.ftjvm.testapps.common.Args;
import io.ftjvm.testapps.echo.Protocol;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Sends one greeting to an echo server and prints the answer. What it sends depends on the system
 * property {@code greeting.name} (default "world"): a run with another name is a changed program,
 * which is how the tests provoke a replay divergence on purpose.
 *
 * <pre>
 * sent: hello, world
 * answer: #1:&lt;crc32 hex&gt;:dlrow ,olleh
 * </pre>
 */
public final class GreetingClient {
  private static final String USAGE =
      "usage: GreetingClient --port P   (greeting from -Dgreeting.name=NAME)";

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of("port"), 0);
    int port = args.requiredInt("port", 1, 65535);
    String greeting = "hello, " + System.getProperty("greeting.name", "world");
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      OutputStream out = socket.getOutputStream();
      Protocol.writeFrame(out, greeting.getBytes(StandardCharsets.UTF_8));
      byte[] answer = Protocol.readFrame(new DataInputStream(socket.getInputStream()));
      System.out.println("sent: " + greeting);
      System.out.println(
          "answer: " + (answer == null ? "(none)" : new String(answer, StandardCharsets.UTF_8)));
    }
  }
}
