package io.ftjvm.checkpoint;

import io.ftjvm.capture.AgentThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command and collects its exit status and combined output. */
final class CommandRunner {

  record Result(int exitStatus, String output) {}

  private CommandRunner() {}

  /**
   * @throws IOException when the command cannot be started, or does not finish within {@code
   *     timeoutSeconds} (it is then killed)
   */
  static Result run(List<String> command, long timeoutSeconds) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump =
        AgentThreads.daemon(
            "ftjvm-command-output",
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // the process went away; what was read is kept
              }
            });
    pump.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      pump.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    }
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    return new Result(p.exitValue(), text);
  }
}
