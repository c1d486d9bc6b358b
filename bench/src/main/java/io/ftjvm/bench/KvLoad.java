package io.ftjvm.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load on the KeyValueServer: one thread per connection, each sending PUTs over 64 keys
 * of its own, one at a time.
 */
final class KvLoad {
  /** Requests per second over the measured period, and latency percentiles in microseconds. */
  record Result(double rps, long p50Micros, long p99Micros, long requests) {}

  private KvLoad() {}

  /**
   * {@code warmupSeconds} unmeasured, then {@code seconds} measured, on {@code connections} new
   * connections.
   */
  static Result timed(int port, int connections, int warmupSeconds, int seconds) throws Exception {
    List<KvConnection> open = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        open.add(new KvConnection(port, 60_000));
      }
      long start = System.nanoTime();
      long measureFrom = start + warmupSeconds * 1_000_000_000L;
      long end = measureFrom + seconds * 1_000_000_000L;
      long[][] latencies = new long[connections][];
      int[] counts = new int[connections];
      runAll(
          open,
          (c, conn) -> {
            long[] lat = new long[1 << 16];
            int n = 0;
            for (long i = 0; ; i++) {
              long t0 = System.nanoTime();
              if (t0 >= end) {
                break;
              }
              conn.put("load.c" + c + ".k" + (i & 63), "v" + i);
              long t1 = System.nanoTime();
              if (t0 >= measureFrom) {
                if (n == lat.length) {
                  lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = t1 - t0;
              }
            }
            latencies[c] = lat;
            counts[c] = n;
          });
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int c = 0; c < connections; c++) {
        System.arraycopy(latencies[c], 0, all, at, counts[c]);
        at += counts[c];
      }
      Arrays.sort(all);
      return new Result(
          total / (double) seconds,
          Stats.percentile(all, 50) / 1000,
          Stats.percentile(all, 99) / 1000,
          total);
    } finally {
      for (KvConnection c : open) {
        c.close();
      }
    }
  }

  /** {@code perConnection} PUTs on each of the open connections, in parallel. */
  static void requests(List<KvConnection> open, int perConnection, String prefix) throws Exception {
    runAll(
        open,
        (c, conn) -> {
          for (int i = 0; i < perConnection; i++) {
            conn.put(prefix + ".c" + c + ".k" + (i & 63), "v" + i);
          }
        });
  }

  private interface Body {
    void run(int index, KvConnection connection) throws Exception;
  }

  private static void runAll(List<KvConnection> open, Body body) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < open.size(); c++) {
      int index = c;
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run(index, open.get(index));
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              },
              "kv-load-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
