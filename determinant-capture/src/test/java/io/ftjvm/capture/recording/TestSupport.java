package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ftjvm.capture.model.Determinant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class TestSupport {
  private TestSupport() {}

  /** Small blocks and windows so little data crosses many boundaries; short grace for speed. */
  static WriterConfig small(int blockSize) {
    return WriterConfig.defaults()
        .withBlockSize(blockSize)
        .withWindowSize(4096)
        .withGracePeriod(Duration.ofMillis(1));
  }

  static RunContext context() {
    return RunContext.builder()
        .javaVersion("17.0.15")
        .javaVendor("Test")
        .javaHome("/jdk")
        .mainClass("app.Main")
        .mode("record")
        .agentVersion("0.1.0")
        .startEpochMillis(1_700_000_000_000L)
        .commandLine(List.of("java", "-cp", "x", "app.Main", "a"))
        .appArguments(List.of("a"))
        .systemProperties(Map.of("k", "v"))
        .environment(Map.of("E", "1"))
        .build();
  }

  /** Reads a whole stream. */
  static List<Determinant> readAll(Recording r, String id) throws IOException {
    List<Determinant> out = new ArrayList<>();
    try (ThreadStreamReader s = r.stream(id)) {
      while (s.hasNext()) {
        out.add(s.next());
      }
    }
    return out;
  }

  /** Opens the recording and reads every stream: id to determinants. */
  static Map<String, List<Determinant>> readEverything(Path dir) throws IOException {
    Recording r = Recording.open(dir);
    Map<String, List<Determinant>> all = new TreeMap<>(ThreadIds.ORDER);
    for (String id : r.threadIds()) {
      all.put(id, readAll(r, id));
    }
    return all;
  }

  /** Writes n generated events to each thread id; returns what the reader must give back. */
  static Map<String, List<Determinant>> writeGenerated(
      RecordingWriter w, int n, int maxBytes, String... ids) throws IOException {
    Map<String, List<Determinant>> expected = new TreeMap<>(ThreadIds.ORDER);
    for (String id : ids) {
      ThreadStreamWriter t = w.openThread(id);
      EventGen gen = new EventGen(id.hashCode(), maxBytes);
      List<Determinant> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Determinant d = gen.next();
        EventGen.write(t, d);
        list.add(EventGen.expected(d));
      }
      expected.put(id, list);
    }
    return expected;
  }

  static void assertSameEvents(List<Determinant> expected, List<Determinant> actual) {
    assertEquals(expected.size(), actual.size(), "number of determinants");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "determinant " + i);
    }
  }

  /** Every file of a recording directory, context.bin first. */
  static List<Path> files(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(dir.resolve("context.bin"));
    if (Files.exists(dir.resolve("end.bin"))) {
      out.add(dir.resolve("end.bin"));
    }
    try (var s = Files.list(dir.resolve("threads"))) {
      s.sorted().forEach(out::add);
    }
    return out;
  }

  static void truncate(Path f, long length) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(length);
    }
  }

  /** Every failure's stack trace, for a message that says where a background thread failed. */
  static String stackTraces(java.util.Collection<Throwable> failures) {
    java.io.StringWriter text = new java.io.StringWriter();
    failures.forEach(e -> e.printStackTrace(new java.io.PrintWriter(text)));
    return text.toString();
  }

  /**
   * Starts the threads, interrupts each of them every {@code gapNanos} (and whatever else it is
   * doing) until all have ended, and joins them.
   */
  static void runWhileInterrupting(List<Thread> threads, long gapNanos)
      throws InterruptedException {
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread interrupter =
        new Thread(
            () -> {
              while (!done.get()) {
                threads.forEach(Thread::interrupt);
                java.util.concurrent.locks.LockSupport.parkNanos(gapNanos);
              }
            });
    threads.forEach(Thread::start);
    interrupter.start();
    for (Thread t : threads) {
      t.join();
    }
    done.set(true);
    interrupter.join();
  }
}
