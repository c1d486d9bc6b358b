package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * sealAll() and finish() run on another thread while the writer threads keep recording: no record
 * may be lost, torn, duplicated or sealed in the wrong block.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConcurrentSealTest {
  @TempDir Path tmp;

  private static final int THREADS = 4;

  @Test
  void sealAllWhileWritingLosesNothing() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w =
        RecordingWriter.create(
            dir, TestSupport.context(), TestSupport.small(256).withWindowSize(64 * 1024));
    int perThread = 60_000;
    List<Thread> threads = new ArrayList<>();
    List<List<Determinant>> expected = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      ThreadStreamWriter t = w.openThread(String.valueOf(i + 1));
      List<Determinant> list = new ArrayList<>();
      expected.add(list);
      EventGen gen = new EventGen(i, 600);
      threads.add(
          new Thread(
              () -> {
                for (int n = 0; n < perThread; n++) {
                  Determinant d = gen.next();
                  EventGen.write(t, d);
                  list.add(EventGen.expected(d));
                }
              }));
    }
    threads.forEach(Thread::start);
    int seals = 0;
    while (threads.stream().anyMatch(Thread::isAlive)) {
      w.sealAll();
      seals++;
    }
    for (Thread t : threads) {
      t.join();
    }
    w.finish(0);
    Map<String, List<Determinant>> actual = TestSupport.readEverything(dir);
    for (int i = 0; i < THREADS; i++) {
      TestSupport.assertSameEvents(expected.get(i), actual.get(String.valueOf(i + 1)));
    }
    assertTrue(seals > 0);
  }

  @Test
  void finishWhileWritingKeepsAConsistentPrefix() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w =
        RecordingWriter.create(
            dir, TestSupport.context(), TestSupport.small(256).withWindowSize(64 * 1024));
    List<Thread> threads = new ArrayList<>();
    List<List<Determinant>> attempted = new ArrayList<>();
    AtomicInteger started = new AtomicInteger();
    for (int i = 0; i < THREADS; i++) {
      ThreadStreamWriter t = w.openThread("2." + (i + 1));
      List<Determinant> list = new ArrayList<>();
      attempted.add(list);
      EventGen gen = new EventGen(100 + i, 600);
      threads.add(
          new Thread(
              () -> {
                // Keeps recording until the recording is closed under it.
                while (!t.isClosed()) {
                  Determinant d = gen.next();
                  list.add(EventGen.expected(d));
                  EventGen.write(t, d);
                  if (list.size() == 10_000) {
                    started.incrementAndGet();
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    while (started.get() < THREADS) {
      Thread.onSpinWait();
    }
    w.finish(0);
    for (Thread t : threads) {
      t.join();
    }
    Recording r = Recording.open(dir);
    for (int i = 0; i < THREADS; i++) {
      String id = "2." + (i + 1);
      List<Determinant> got = TestSupport.readAll(r, id);
      assertEquals(r.end().get().eventCounts().get(id), (long) got.size());
      assertTrue(got.size() > 0);
      TestSupport.assertSameEvents(attempted.get(i).subList(0, got.size()), got);
    }
  }
}
