package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What fault-tolerance mode needs from the writer: exact cuts, and rewriting a log's tail. */
class CheckpointHoldTest {
  @TempDir Path tmp;

  @Test
  void aHeldLogDoesNotMoveAndItsCutSaysWhereEachStreamStands() throws Exception {
    RecordingWriter w = RecordingWriter.create(tmp.resolve("rec"), TestSupport.context());
    ThreadStreamWriter main = w.openThread("1");
    main.clock(EventType.CLOCK_MILLIS, 1_700_000_000_000L);
    main.value(EventType.RANDOM_SEED, 42);
    List<StreamCut> cut = w.holdForCheckpoint();
    assertEquals(1, cut.size());
    StreamCut c = cut.get(0);
    assertEquals("1", c.threadId());
    assertEquals(2, c.events());
    assertTrue(c.position() > 0 && c.position() <= c.fileLength(), c.toString());
    assertEquals(c.fileLength(), Files.size(tmp.resolve("rec/threads/1.det")));

    // A thread that records while the log is held waits until release.
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean recorded = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              started.countDown();
              main.value(EventType.RANDOM_SEED, 43);
              recorded.set(true);
            });
    t.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    t.join(300); // a hang guard for the negative check below, not a timing assertion
    assertFalse(recorded.get(), "no record is written while the log is held");
    assertEquals(2, main.eventCount());
    w.release();
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertTrue(recorded.get());
    assertEquals(3, main.eventCount());
    w.finish(0);
  }

  @Test
  void theCutSaysHowManyBytesWereReadFromAndWrittenToEachChannel() throws Exception {
    RecordingWriter w = RecordingWriter.create(tmp.resolve("rec"), TestSupport.context());
    ThreadStreamWriter a = w.openThread("1");
    ThreadStreamWriter b = w.openThread("1.1");
    a.bytes(EventType.SOCKET_READ, 2, "PUT k v\n".getBytes(), 0, 8);
    a.bytes(EventType.SOCKET_WRITE, 2, "OK 1\n".getBytes(), 0, 5);
    b.bytes(EventType.SOCKET_READ, 2, "GET k\n".getBytes(), 0, 6); // a channel two threads use
    b.bytes(EventType.SOCKET_READ, 5, new byte[100], 10, 90);
    b.bytes(EventType.SOCKET_WRITE, 2, "1\n".getBytes(), 0, 2); // back to the first channel
    b.bytes(EventType.SECURE_RANDOM, -1, new byte[16], 0, 16); // bytes, but no channel traffic
    w.holdForCheckpoint();
    assertEquals(List.of(new ChannelCut(2, 14, 7), new ChannelCut(5, 90, 0)), w.heldChannels());
    assertEquals(
        java.util.Map.of("channel.5.read", 90L, "channel.5.written", 0L),
        new ChannelCut(5, 90, 0).entries());
    w.release();
    // What a recovery writes again counts too: the restored process's counts go on from the cut.
    b.write(new Determinant(EventType.SOCKET_WRITE, 3, 5, 0, "abc".getBytes(), null, 0));
    w.holdForCheckpoint();
    assertEquals(new ChannelCut(5, 90, 3), w.heldChannels().get(1));
    w.release();
    w.finish(0);
  }

  @Test
  void determinantsReadBackAndWrittenAgainGiveTheSameBytes() throws Exception {
    Path first = tmp.resolve("first");
    RecordingWriter a = RecordingWriter.create(first, TestSupport.context());
    ThreadStreamWriter s = a.openThread("1");
    s.clock(EventType.CLOCK_NANOS, 123_456_789L);
    s.clock(EventType.CLOCK_NANOS, 123_460_000L);
    s.value(EventType.IDENTITY_HASH, 0x5eed);
    s.bytes(EventType.SOCKET_READ, 3, "PUT k v".getBytes(), 0, 7);
    s.channelEvent(EventType.SOCKET_ACCEPT, 4, 54321, "/127.0.0.1");
    s.channelEvent(EventType.LOCK_ACQUIRE, 2, 17, null);
    s.bytes(EventType.SELECT, -1, 1, new byte[] {4, 1}, 0, 2);
    s.text(EventType.THREAD_START, "1.1");
    a.finish(0);

    Path second = tmp.resolve("second");
    RecordingWriter b = RecordingWriter.create(second, TestSupport.context());
    ThreadStreamWriter again = b.openThread("1");
    for (Determinant d : TestSupport.readAll(Recording.open(first), "1")) {
      again.write(d);
    }
    b.finish(0);
    assertArrayEquals(
        Files.readAllBytes(first.resolve("threads/1.det")),
        Files.readAllBytes(second.resolve("threads/1.det")));
  }

  @Test
  void forceChangedForcesOnlyWhatGrewAndIgnoresAFinishedLog() throws Exception {
    RecordingWriter w = RecordingWriter.create(tmp.resolve("rec"), TestSupport.context());
    ThreadStreamWriter s = w.openThread("1");
    s.value(EventType.RANDOM_SEED, 1);
    w.forceChanged();
    assertEquals(s.approximateEnd(), s.forcedEnd);
    w.finish(0);
    w.forceChanged(); // nothing to do, no failure
  }
}
