package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording JVM is killed with SIGKILL while its threads are writing (and its main thread is
 * sealing): the reader must return, per thread, an exact prefix of what was written, with no torn
 * record, and at least everything written before the child said "ready".
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void killDashNineLeavesAValidPrefix() throws Exception {
    // Different block/window sizes move the kill point relative to seals and remaps.
    int[][] configs = {{4096, 64 * 1024}, {256, 16 * 1024}, {64 * 1024, 1 << 20}};
    for (int run = 0; run < configs.length; run++) {
      crashOnce(tmp.resolve("rec" + run), configs[run][0], configs[run][1]);
    }
  }

  /** For the log: whether the kill left an unsealed tail (the record-by-record recovery path). */
  private static String tailState(Path f) throws java.io.IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(f));
    int off = 16 + b.getInt(8) + 4;
    while (off + Format.BLOCK_HEADER <= b.limit() && b.get(off + 8) == Format.SEALED) {
      off += Format.BLOCK_HEADER + b.getInt(off);
    }
    return off + Format.BLOCK_HEADER <= b.limit() ? "an unsealed tail" : "a sealed block";
  }

  private void crashOnce(Path dir, int blockSize, int windowSize) throws Exception {
    int threads = 3;
    long minPerThread = 20_000;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                dir.toString(),
                String.valueOf(threads),
                String.valueOf(minPerThread),
                String.valueOf(blockSize),
                String.valueOf(windowSize))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertEquals("ready", line, "child output");
      p.destroyForcibly(); // SIGKILL, while the threads are writing
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
    assertTrue(p.exitValue() != 0);
    assertFalse(Files.exists(dir.resolve("end.bin")));

    Recording r = Recording.open(dir);
    assertTrue(r.end().isEmpty());
    assertEquals(threads, r.threadIds().size());
    for (int i = 0; i < threads; i++) {
      String id = CrashChild.threadId(i);
      EventGen gen = new EventGen(CrashChild.seed(i), CrashChild.MAX_BYTES);
      long n = 0;
      try (ThreadStreamReader s = r.stream(id)) {
        while (s.hasNext()) {
          Determinant got = s.next();
          assertEquals(EventGen.expected(gen.next()), got, "thread " + id + " record " + n);
          n++;
        }
      }
      assertTrue(n >= minPerThread, "thread " + id + ": only " + n + " records survived");
      System.out.printf(
          "crash (block %d, window %d): thread %s kept %d records, file ends in %s%n",
          blockSize, windowSize, id, n, tailState(dir.resolve("threads/" + id + ".det")));
    }
    List<String> ids = r.threadIds();
    assertEquals(List.of("1.1", "1.2", "1.3"), ids);
  }
}
