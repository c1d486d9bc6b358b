package io.ftjvm.replayer.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feature version (17, 21, 25, ...) of the application's java, which decides whether the
 * launcher must add {@code --enable-native-access=ALL-UNNAMED} (Java 22+ warns without it when JNA
 * calls libcriu, and a later Java will refuse).
 */
public final class JavaVersion {

  private static final Pattern VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

  private JavaVersion() {}

  /** Runs {@code <java> -version} and parses what it prints. */
  public static int of(String java) {
    ProcessBuilder pb =
        new ProcessBuilder(List.of(java, "-version"))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Refusal("`" + java + " -version` did not finish within 60 s");
      }
      return parse(out.toString(StandardCharsets.UTF_8), java);
    } catch (IOException e) {
      throw new Refusal("cannot run `" + java + " -version`: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal("interrupted while running `" + java + " -version`");
    }
  }

  /** The feature version in {@code java -version} output ({@code "1.8.0_402"} is 8). */
  static int parse(String versionOutput, String java) {
    Matcher m = VERSION.matcher(versionOutput);
    if (!m.find()) {
      throw new Refusal(
          "cannot tell the version of " + java + "; `java -version` printed: " + versionOutput);
    }
    int major = Integer.parseInt(m.group(1));
    if (major == 1 && m.group(2) != null) {
      return Integer.parseInt(m.group(2));
    }
    return major;
  }
}
