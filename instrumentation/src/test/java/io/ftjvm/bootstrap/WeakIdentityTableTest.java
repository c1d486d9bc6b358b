package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The table keyed by identity: one value per key whatever threads race to create it, also while the
 * stripes grow under the unlocked look-ups of computeIfAbsent.
 */
class WeakIdentityTableTest {
  @Test
  void racingThreadsAgreeOnOneValuePerKeyWhileTheTableGrows() throws Exception {
    WeakIdentityTable<Object> table = new WeakIdentityTable<>();
    int keys = 20_000;
    List<Object> keyObjects = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      keyObjects.add(new Object());
    }
    int threads = 4;
    Object[][] seen = new Object[threads][keys];
    AtomicInteger created = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> racers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int me = t;
      Thread racer =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int round = 0; round < 2; round++) {
                  for (int i = 0; i < keys; i++) {
                    int k = (i + me * 7919) % keys; // each thread its own starting point
                    Object v =
                        table.computeIfAbsent(
                            keyObjects.get(k),
                            key -> {
                              created.incrementAndGet();
                              return new Object();
                            });
                    if (seen[me][k] != null) {
                      assertSame(seen[me][k], v, "a key's value changed");
                    }
                    seen[me][k] = v;
                  }
                }
              });
      racers.add(racer);
      racer.start();
    }
    start.countDown();
    for (Thread racer : racers) {
      racer.join();
    }
    for (int k = 0; k < keys; k++) {
      for (int t = 1; t < threads; t++) {
        assertSame(seen[0][k], seen[t][k], "threads saw different values for key " + k);
      }
      assertSame(seen[0][k], table.get(keyObjects.get(k)));
    }
    assertEquals(true, created.get() >= keys, "every key created at least once");
  }

  @Test
  void putReplacesAndRemoveAnswersTheValue() {
    WeakIdentityTable<String> table = new WeakIdentityTable<>();
    Object key = new Object();
    table.put(key, "first");
    table.put(key, "second");
    assertEquals("second", table.get(key));
    assertEquals("second", table.remove(key));
    assertNull(table.get(key));
    assertNull(table.remove(key));
    assertEquals("third", table.computeIfAbsent(key, k -> "third"));
  }
}
