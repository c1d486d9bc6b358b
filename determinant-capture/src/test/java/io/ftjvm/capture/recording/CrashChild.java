package io.ftjvm.capture.recording;

import io.ftjvm.capture.model.Determinant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Child JVM of {@link CrashRecoveryTest}: records generated events on several threads forever (with
 * a sealAll() loop on the main thread), prints "ready" once every thread has written {@code
 * minPerThread} records, and keeps going until it is killed.
 *
 * <p>Arguments: recording dir, threads, minPerThread, blockSize, windowSize.
 */
public final class CrashChild {
  static final int MAX_BYTES = 5000;

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long minPerThread = Long.parseLong(args[2]);
    WriterConfig config =
        WriterConfig.defaults()
            .withBlockSize(Integer.parseInt(args[3]))
            .withWindowSize(Integer.parseInt(args[4]))
            .withGracePeriod(Duration.ofMillis(1));
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context(), config);
    AtomicLongArray written = new AtomicLongArray(threads);
    for (int i = 0; i < threads; i++) {
      int slot = i;
      ThreadStreamWriter t = w.openThread(threadId(i));
      Thread th =
          new Thread(
              () -> {
                EventGen gen = new EventGen(seed(slot), MAX_BYTES);
                for (; ; ) {
                  Determinant d = gen.next();
                  EventGen.write(t, d);
                  written.lazySet(slot, d.eventIndex() + 1);
                }
              });
      th.setDaemon(true);
      th.start();
    }
    boolean ready = false;
    for (; ; ) {
      w.sealAll();
      if (!ready) {
        ready = true;
        for (int i = 0; i < threads; i++) {
          ready &= written.get(i) >= minPerThread;
        }
        if (ready) {
          System.out.println("ready");
          System.out.flush();
        }
      }
    }
  }

  static String threadId(int i) {
    return "1." + (i + 1);
  }

  static long seed(int i) {
    return 1000 + i;
  }
}
