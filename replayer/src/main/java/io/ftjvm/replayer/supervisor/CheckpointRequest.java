package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Asks the running agent for a checkpoint now ({@code ftjvm checkpoint}). The protocol, through
 * files in {@code DIR/control/}:
 *
 * <ol>
 *   <li>the client creates the empty file {@code <nonce>.request} (nonce: 16 random hex digits);
 *   <li>the agent, which polls {@code control/}, takes a checkpoint and writes {@code <nonce>.done}
 *       atomically (temporary name, then rename), one line: {@code ok sequence=N pause_ms=X
 *       image_bytes=Y} or {@code failed <message>};
 *   <li>the client reads it and deletes both files; on a timeout it deletes its request, so that a
 *       late agent does not take a checkpoint nobody waits for.
 * </ol>
 */
public final class CheckpointRequest {

  private static final long POLL_MILLIS = 50;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The outcome: {@code ok} when the agent's line starts with "ok"; when it did not answer in time,
   * {@code answered} is false and {@code line} says so.
   */
  public record Answer(boolean ok, boolean answered, String line) {}

  private CheckpointRequest() {}

  /** Sends a request and waits for the answer. */
  public static Answer send(StateDir state, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(state.control());
    byte[] nonceBytes = new byte[8];
    RANDOM.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    Path request = state.control().resolve(nonce + ".request");
    Path done = state.control().resolve(nonce + ".done");
    Files.createFile(request);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (Files.exists(done)) {
        String line = Files.readString(done, StandardCharsets.UTF_8).strip();
        Files.deleteIfExists(done);
        Files.deleteIfExists(request);
        return new Answer(line.equals("ok") || line.startsWith("ok "), true, line);
      }
      if (System.nanoTime() > deadline) {
        Files.deleteIfExists(request);
        return new Answer(
            false,
            false,
            "the agent did not answer within "
                + timeout.toSeconds()
                + " s (no "
                + done
                + "). Is the application running, and in ft mode (ftjvm run)? `ftjvm status "
                + state
                + "` shows whether its process is alive.");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
