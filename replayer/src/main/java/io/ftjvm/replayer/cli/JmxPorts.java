package io.ftjvm.replayer.cli;

import io.ftjvm.replayer.supervisor.JvmOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The ports of the JMX server a recorded JVM started for itself ({@code
 * -Dcom.sun.management.jmxremote.port}, and its {@code .rmi.port}). That server is the JVM's own
 * work, not the program's, and a replay starts it again for real; where its recorded port is taken
 * (most often by the recorded service itself, still running on the machine), the JVM would stop
 * before the program's first instruction with "Port already in use". The replay's server then
 * listens on a free port (0) instead: nothing the program does depends on it, except its reading
 * that property, which then answers 0.
 */
final class JmxPorts {
  private static final List<String> PROPERTIES =
      List.of("com.sun.management.jmxremote.port", "com.sun.management.jmxremote.rmi.port");

  private JmxPorts() {}

  /**
   * {@code argv} (the java executable first) with each JMX port among its JVM options that {@code
   * taken} says is in use set to 0, and a line for the user about each in {@code notes}. The
   * program's own arguments are never changed, whatever they look like.
   */
  static List<String> freed(List<String> argv, IntPredicate taken, List<String> notes) {
    List<String> result = new ArrayList<>(argv);
    int options = JvmOptions.of(argv.subList(1, argv.size())).size();
    for (int i = 1; i <= options; i++) {
      for (String property : PROPERTIES) {
        String prefix = "-D" + property + "=";
        if (!argv.get(i).startsWith(prefix)) {
          continue;
        }
        int port = port(argv.get(i).substring(prefix.length()));
        if (port > 0 && taken.test(port)) {
          result.set(i, prefix + "0");
          notes.add(
              "the recorded JMX port "
                  + port
                  + " ("
                  + property
                  + ") is in use here: the replay's JMX server, the JVM's own and not the"
                  + " program's, listens on a free port instead (the program reads 0 if it asks"
                  + " for that property)");
        }
      }
    }
    return result;
  }

  /** Whether a server could not listen on {@code port} on every address, as JMX's does. */
  static boolean taken(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** The port a property gives, or -1 if it is not one (the JVM will say so itself). */
  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      return port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
