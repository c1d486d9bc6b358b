package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync of a stream that its own thread keeps writing (forceChanged forces every thread's stream)
 * takes longer than the gap between an application's interrupts, so every sync through the channel
 * can be stopped by one: CI saw a forceChanged fail after 64 such tries. The file must finish the
 * sync anyway and hand every interrupt back to the thread.
 */
class StreamFileInterruptTest {
  private static final int WINDOW = 8 << 20;
  private static final int ROUNDS = 40;

  @TempDir Path tmp;

  @Test
  void syncsStoppedByInterruptsOverAndOverAreFinishedAndTheInterruptsKept() throws Exception {
    Path path = tmp.resolve("stream");
    StreamFile file = StreamFile.create(path, new byte[] {1, 2, 3});
    MappedByteBuffer window = file.map(3, WINDOW);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger interruptsSeen = new AtomicInteger();
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Thread writer =
        new Thread(
            () -> {
              // The stream's own thread, writing on while another thread forces the file.
              int pages = WINDOW / 2 / 4096;
              for (int n = 0; !done.get(); n = (n + 1) % pages) {
                window.put(WINDOW / 2 + n * 4096, (byte) n);
              }
            });
    Thread forcer =
        new Thread(
            () -> {
              try {
                for (int round = 1; round <= ROUNDS; round++) {
                  // Every page dirty, so that each sync has megabytes to write.
                  for (int at = 0; at < WINDOW / 2; at += 4096) {
                    window.put(at, (byte) round);
                  }
                  file.force();
                  if (Thread.interrupted()) {
                    interruptsSeen.incrementAndGet();
                  }
                }
              } catch (Throwable e) {
                failures.add(e);
              }
            });
    writer.start();
    TestSupport.runWhileInterrupting(List.of(forcer), 20_000);
    done.set(true);
    writer.join();
    assertTrue(failures.isEmpty(), () -> "the sync failed: " + TestSupport.stackTraces(failures));
    assertTrue(interruptsSeen.get() > 0, "the interrupts must be handed back to the thread");
    file.close();
    byte[] written = Files.readAllBytes(path);
    assertEquals(3 + WINDOW, written.length);
    for (int at = 0; at < WINDOW / 2; at += 4096) {
      assertEquals(ROUNDS, written[3 + at], "page at " + at);
    }
  }
}
