package io.ftjvm.agent.ft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingFormatException;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.checkpoint.SparseFiles;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the log collector frees, and that what recovery reads survives it. */
class LogCollectorTest {
  @TempDir Path tmp;

  private final byte[] payload = new byte[1000];

  private RecordingWriter log;
  private ThreadStreamWriter main;

  private StoredCheckpoint checkpoint(long sequence, List<StreamCut> cut) {
    Map<String, String> entries = new TreeMap<>();
    for (StreamCut c : cut) {
      c.entries().forEach((k, v) -> entries.put(k, Long.toString(v)));
    }
    return new StoredCheckpoint(
        tmp.resolve("ckpt-" + sequence),
        sequence,
        new CheckpointMetadata(1, sequence, Instant.EPOCH, 0, Duration.ZERO, "test", entries));
  }

  /** Writes about 1 MB, then takes a checkpoint (hold, cut, release). */
  private StoredCheckpoint megabyteThenCheckpoint(long sequence) throws Exception {
    for (int i = 0; i < 1000; i++) {
      main.clock(EventType.CLOCK_NANOS, sequence * 1_000_000 + i);
      main.bytes(EventType.SOCKET_READ, 4, payload, 0, payload.length);
    }
    List<StreamCut> cut = log.holdForCheckpoint();
    log.release();
    return checkpoint(sequence, cut);
  }

  private Path stream() {
    return log.dir().resolve("threads/1.det");
  }

  @Test
  void freesWhatNoKeptCheckpointNeedsAndRecoveryStillReadsItsTail() throws Exception {
    log = RecordingWriter.create(tmp.resolve("rec"), RunContext.builder().mainClass("M").build());
    main = log.openThread("1");
    StoredCheckpoint first = megabyteThenCheckpoint(1);
    StoredCheckpoint second = megabyteThenCheckpoint(2);
    StoredCheckpoint third = megabyteThenCheckpoint(3);
    for (int i = 0; i < 100; i++) {
      main.clock(EventType.CLOCK_NANOS, -i);
    }
    log.sealAll();
    long length = Files.size(stream());
    long before = SparseFiles.dataBytes(stream());
    List<Determinant> all = readFromStart();

    // Keeping all three: only what lies before the first checkpoint's cut may go.
    LogCollector.Result r =
        LogCollector.collect(stream().getParent(), List.of(third, second, first));
    assertEquals(1, r.streams());
    long afterFirst = SparseFiles.dataBytes(stream());
    assertTrue(before - afterFirst > 900_000, before + " -> " + afterFirst);
    assertEquals(r.bytesFreed(), before - afterFirst);
    assertEquals(length, Files.size(stream()), "the size stays (CRIU checks it)");
    for (StoredCheckpoint c : List.of(first, second, third)) {
      assertTailReads(c, all);
    }

    // The first one pruned: up to the second's cut goes, the second and third still read.
    LogCollector.collect(stream().getParent(), List.of(third, second));
    long afterSecond = SparseFiles.dataBytes(stream());
    assertTrue(afterFirst - afterSecond > 900_000, afterFirst + " -> " + afterSecond);
    assertTailReads(second, all);
    assertTailReads(third, all);
    RecordingFormatException gone = assertThrows(RecordingFormatException.class, () -> tail(first));
    assertTrue(gone.getMessage().contains("that part of the file is gone"), gone.getMessage());

    // A second pass with the same kept checkpoints frees nothing more.
    assertEquals(0, LogCollector.collect(stream().getParent(), List.of(third, second)).streams());

    // Whoever reads the stream from its start (ftjvm inspect, replay) is refused by name.
    RecordingFormatException fromStart =
        assertThrows(RecordingFormatException.class, this::readFromStart);
    assertTrue(
        fromStart.getMessage().contains("1.det at offset 21: the log before offset "),
        fromStart.getMessage());
    assertTrue(
        fromStart.getMessage().contains("was garbage collected after checkpoint 2"),
        fromStart.getMessage());
    log.finish(0);
  }

  @Test
  void aStreamOneKeptCheckpointDoesNotKnowIsLeftWhole() throws Exception {
    log = RecordingWriter.create(tmp.resolve("rec"), RunContext.builder().mainClass("M").build());
    StoredCheckpoint empty = checkpoint(1, log.holdForCheckpoint());
    log.release();
    main = log.openThread("1");
    StoredCheckpoint second = megabyteThenCheckpoint(2);
    StoredCheckpoint third = megabyteThenCheckpoint(3);
    long before = SparseFiles.dataBytes(stream());
    assertEquals(
        0, LogCollector.collect(stream().getParent(), List.of(third, second, empty)).streams());
    assertEquals(before, SparseFiles.dataBytes(stream()));
    assertEquals(2000 + 2000, readFromStart().size());
    log.finish(0);
  }

  private List<Determinant> readFromStart() throws Exception {
    List<Determinant> out = new ArrayList<>();
    try (ThreadStreamReader r = Recording.open(log.dir()).stream("1")) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    return out;
  }

  private List<Determinant> tail(StoredCheckpoint c) throws Exception {
    StreamCut cut = io.ftjvm.capture.recording.StreamCutEntries.parse(c.metadata().cut()).get(0);
    List<Determinant> out = new ArrayList<>();
    try (ThreadStreamReader r = Recording.open(log.dir()).streamFrom(cut)) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    return out;
  }

  private void assertTailReads(StoredCheckpoint c, List<Determinant> all) throws Exception {
    List<Determinant> tail = tail(c);
    assertEquals(all.subList(all.size() - tail.size(), all.size()), tail);
    assertEquals(all.size(), tail.get(0).eventIndex() + tail.size());
  }
}
