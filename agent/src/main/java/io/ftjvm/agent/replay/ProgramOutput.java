package io.ftjvm.agent.replay;

import io.ftjvm.capture.AgentThreads;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The program's standard streams as seen by a replay that is stopping. A program thread stopped for
 * good (a second divergence parks its thread) may hold System.out's or System.err's monitor, so the
 * report is never made to wait for them: buffered program output is flushed if that can be done
 * within a bound, and the report is written to file descriptor 2 directly.
 */
final class ProgramOutput {
  private ProgramOutput() {}

  /** Flushes System.out and System.err from a helper thread, waiting for it at most this long. */
  static void flushWithin(long millis) {
    Thread flusher =
        AgentThreads.daemon(
            "ftjvm-replay-flush",
            () -> {
              System.out.flush();
              System.err.flush();
            });
    flusher.start();
    try {
      flusher.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the report, with a line end, to file descriptor 2 without taking System.err's lock. */
  static void reportOnStderr(String message) {
    // Not closed: closing would close the process's standard error; the JVM halts right after.
    FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
    try {
      stderr.write((message + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Nowhere left to say it; the verdict file, written before, still carries the report.
    }
  }
}
