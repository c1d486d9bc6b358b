package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.EventType;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clock() must not allocate: measured with the JVM's per-thread allocation counter, not with time.
 */
class AllocationFreeClockTest {
  @TempDir Path tmp;

  @Test
  void clockDoesNotAllocate() throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // A window big enough that the measured loop never remaps (remapping is the rare slow path).
    RecordingWriter w =
        RecordingWriter.create(
            tmp.resolve("rec"),
            TestSupport.context(),
            WriterConfig.defaults().withWindowSize(64 << 20));
    ThreadStreamWriter t = w.openThread("1");
    long v = 1_700_000_000_000L;
    for (int i = 0; i < 200_000; i++) { // warm up: let the JIT compile clock()
      t.clock(EventType.CLOCK_MILLIS, v += i & 7);
      t.clock(EventType.CLOCK_NANOS, v * 1000);
    }
    mx.getCurrentThreadAllocatedBytes();
    long before = mx.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      t.clock(EventType.CLOCK_MILLIS, v += i & 7);
      t.clock(EventType.CLOCK_NANOS, v * 1000 + (i & 1023));
      t.value(EventType.IDENTITY_HASH, i * 0x9E3779B9L & 0x7fffffff);
    }
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    w.finish(0);
    // Block seals (one per 64 KiB) are allocation-free too; allow a little for the counter itself.
    assertTrue(allocated < 1024, "3,000,000 records allocated " + allocated + " bytes");
  }
}
