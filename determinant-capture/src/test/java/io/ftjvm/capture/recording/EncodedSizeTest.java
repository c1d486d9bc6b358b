package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the bytes each determinant takes on disk (tag included) and checks the size goals of the
 * contract and of DESIGN.md section 5. Prints the table it measured.
 */
class EncodedSizeTest {
  @TempDir Path tmp;

  private final List<String> labels = new ArrayList<>();
  private final List<Consumer<ThreadStreamWriter>> writes = new ArrayList<>();

  private void measure(String label, Consumer<ThreadStreamWriter> write) {
    labels.add(label);
    writes.add(write);
  }

  @Test
  void sizesPerType() throws Exception {
    long ms = 1_700_000_000_000L;
    long ns = 987_654_321_000L;
    long inst = 1_700_000_000_123_456_789L;
    measure("millis, first in stream (delta from 0)", w -> w.clock(EventType.CLOCK_MILLIS, ms));
    measure("millis +0", w -> w.clock(EventType.CLOCK_MILLIS, ms));
    measure("millis +1", w -> w.clock(EventType.CLOCK_MILLIS, ms + 1));
    measure("millis +63", w -> w.clock(EventType.CLOCK_MILLIS, ms + 64));
    measure("millis +8191", w -> w.clock(EventType.CLOCK_MILLIS, ms + 64 + 8191));
    measure("millis -8192", w -> w.clock(EventType.CLOCK_MILLIS, ms + 63));
    measure("nanos, first in stream", w -> w.clock(EventType.CLOCK_NANOS, ns));
    measure("nanos +40 (back-to-back nanoTime)", w -> w.clock(EventType.CLOCK_NANOS, ns + 40));
    measure("nanos +5000 (5 us)", w -> w.clock(EventType.CLOCK_NANOS, ns + 5040));
    measure("nanos +8191", w -> w.clock(EventType.CLOCK_NANOS, ns + 5040 + 8191));
    measure("nanos +1000000 (1 ms)", w -> w.clock(EventType.CLOCK_NANOS, ns + 1_013_231));
    measure("instant, first in stream", w -> w.clock(EventType.CLOCK_INSTANT, inst));
    measure("instant +1000 (1 us)", w -> w.clock(EventType.CLOCK_INSTANT, inst + 1000));
    measure("instant +1000000 (1 ms)", w -> w.clock(EventType.CLOCK_INSTANT, inst + 1_001_000));
    measure("idhash 0x7fffffff", w -> w.value(EventType.IDENTITY_HASH, 0x7fffffff));
    measure("idhash 0x1b6d3586", w -> w.value(EventType.IDENTITY_HASH, 0x1b6d3586));
    measure("seed 32-bit", w -> w.value(EventType.RANDOM_SEED, 0x9e3779b9L));
    measure("seed 48-bit", w -> w.value(EventType.RANDOM_SEED, 0x5DEECE66DL * 1234));
    measure("seed 64-bit random", w -> w.value(EventType.RANDOM_SEED, 0x9E3779B97F4A7C15L));
    measure("tlr-seed 64-bit random", w -> w.value(EventType.TLR_SEED, 0xBB67AE8584CAA73BL));
    measure(
        "secure-random 20 bytes", w -> w.bytes(EventType.SECURE_RANDOM, -1, new byte[20], 0, 20));
    measure("read 0 bytes", w -> w.bytes(EventType.SOCKET_READ, 3, new byte[0], 0, 0));
    measure("read 100 bytes", w -> w.bytes(EventType.SOCKET_READ, 3, new byte[100], 0, 100));
    measure("read 1000 bytes", w -> w.bytes(EventType.SOCKET_READ, 3, new byte[1000], 0, 1000));
    measure("read 16383 bytes", w -> w.bytes(EventType.SOCKET_READ, 3, new byte[16383], 0, 16383));
    measure("read 65536 bytes", w -> w.bytes(EventType.SOCKET_READ, 3, new byte[65536], 0, 65536));
    measure("write 100 bytes", w -> w.bytes(EventType.SOCKET_WRITE, 3, new byte[100], 0, 100));
    measure(
        "accept ch 3, port 54321, /127.0.0.1",
        w -> w.channelEvent(EventType.SOCKET_ACCEPT, 3, 54321, "/127.0.0.1"));
    measure(
        "accept ch 3, port 54321, 10.1.2.3",
        w -> w.channelEvent(EventType.SOCKET_ACCEPT, 3, 54321, "10.1.2.3"));
    measure(
        "connect ch 4, port 8080, localhost/127.0.0.1",
        w -> w.channelEvent(EventType.SOCKET_CONNECT, 4, 8080, "localhost/127.0.0.1"));
    measure(
        "connect ch 4, port 443, [::1] (plain text)",
        w -> w.channelEvent(EventType.SOCKET_CONNECT, 4, 443, "[::1]"));
    measure("bind ch 2, port 8080", w -> w.channelEvent(EventType.SOCKET_BIND, 2, 8080, null));
    measure("eof ch 3", w -> w.channelEvent(EventType.SOCKET_EOF, 3, 0, null));
    measure("close ch 3", w -> w.channelEvent(EventType.SOCKET_CLOSE, 3, 0, null));
    measure("available ch 3, 0", w -> w.channelEvent(EventType.SOCKET_AVAILABLE, 3, 0, null));
    measure(
        "sock-error ch 3, SocketException: Connection reset (42 chars)",
        w ->
            w.channelEvent(
                EventType.SOCKET_ERROR, 3, 0, "java.net.SocketException: Connection reset"));
    measure("thread-start 1.2", w -> w.text(EventType.THREAD_START, "1.2"));
    measure("thread-start 1.12.3", w -> w.text(EventType.THREAD_START, "1.12.3"));

    RecordingWriter rw = RecordingWriter.create(tmp.resolve("rec"), TestSupport.context());
    ThreadStreamWriter t = rw.openThread("1");
    writes.forEach(w -> w.accept(t));
    rw.finish(0);
    List<Determinant> ds = TestSupport.readAll(Recording.open(tmp.resolve("rec")), "1");
    assertEquals(labels.size(), ds.size());
    StringBuilder table = new StringBuilder("\nencoded size (bytes, tag included)\n");
    for (int i = 0; i < ds.size(); i++) {
      table.append(String.format("%6d  %s%n", ds.get(i).encodedSize(), labels.get(i)));
    }
    System.out.println(table);

    // Clock goal: <= 3 bytes steady state (|delta| < 8192 units).
    for (String l :
        List.of(
            "millis +0",
            "millis +1",
            "millis +63",
            "millis +8191",
            "millis -8192",
            "nanos +40 (back-to-back nanoTime)",
            "nanos +5000 (5 us)",
            "nanos +8191",
            "instant +1000 (1 us)")) {
      assertTrue(size(ds, l) <= 3, l + ": " + size(ds, l));
    }
    assertEquals(2, size(ds, "millis +1"));
    assertEquals(2, size(ds, "millis +63"));
    // Seeds and hashes: <= 5 bytes + tag when the value has <= 34 significant bits.
    assertTrue(size(ds, "idhash 0x7fffffff") <= 6);
    assertTrue(size(ds, "seed 32-bit") <= 6);
    // A full-entropy 64-bit seed cannot be shorter than 8 bytes: fixed form, 8 + tag.
    assertEquals(9, size(ds, "seed 64-bit random"));
    assertEquals(9, size(ds, "tlr-seed 64-bit random"));
    // Reads: payload + at most 4 up to 16 KiB.
    assertEquals(100 + 3, size(ds, "read 100 bytes"));
    assertEquals(16383 + 4, size(ds, "read 16383 bytes"));
    assertEquals(65536 + 5, size(ds, "read 65536 bytes"));
    // accept/connect with an IPv4 peer: <= 12 bytes.
    assertTrue(size(ds, "accept ch 3, port 54321, /127.0.0.1") <= 12);
    assertTrue(size(ds, "accept ch 3, port 54321, 10.1.2.3") <= 12);
    // thread start: <= 6 bytes for short ids.
    assertTrue(size(ds, "thread-start 1.2") <= 6);
    assertEquals(2, size(ds, "eof ch 3"));
  }

  private int size(List<Determinant> ds, String label) {
    return ds.get(labels.indexOf(label)).encodedSize();
  }
}
