package io.ftjvm.bench;

import java.nio.file.Path;
import java.util.List;

/** The key-value server's command line, the same in every fault-tolerance benchmark. */
final class KvServer {
  private KvServer() {}

  /** SerialGC and a fixed heap keep the images comparable; port 0 picks a free one. */
  static List<String> command(String java, Path apps, int port) {
    return List.of(
        java,
        "-XX:-UsePerfData",
        "-XX:+UseSerialGC",
        "-Xmx256m",
        "-cp",
        apps.toString(),
        "io.ftjvm.testapps.kv.KeyValueServer",
        "--port",
        String.valueOf(port));
  }
}
