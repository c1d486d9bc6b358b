package io.ftjvm.replayer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.CollectedPrefix;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.StreamCut;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import io.ftjvm.checkpoint.SparseFiles;
import io.ftjvm.checkpoint.StoredCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery preparation of a log whose beginning was garbage collected. */
class CollectedLogRecoveryTest {
  @TempDir Path tmp;

  @Test
  void theSavedLogKeepsTheHoleAndReadsBackFromTheCut() throws Exception {
    StateFixture f = new StateFixture(tmp);
    RecordingWriter log =
        RecordingWriter.create(f.state.recording(), RunContext.builder().mainClass("M").build());
    ThreadStreamWriter t = log.openThread("1");
    byte[] payload = new byte[1000];
    List<StreamCut> cuts = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 2000; i++) {
        t.clock(EventType.CLOCK_MILLIS, 1_700_000_000_000L + i * round);
        t.bytes(EventType.SOCKET_READ, 5, payload, 0, payload.length);
      }
      cuts.add(log.holdForCheckpoint().get(0));
      log.release();
    }
    for (int i = 0; i < 50; i++) {
      t.clock(EventType.CLOCK_MILLIS, -i);
    }
    log.sealAll(); // then the process dies: no finish
    StreamCut cut = cuts.get(1);
    Map<String, String> entries = new TreeMap<>();
    cut.entries().forEach((k, v) -> entries.put(k, Long.toString(v)));
    StoredCheckpoint c = f.checkpoint(2, 0, entries);
    Path live = f.state.threads().resolve("1.det");
    List<Determinant> tailBefore = tail(f.state.recording(), cut);
    assertEquals(cut.events() + 50, tailBefore.get(0).eventIndex() + tailBefore.size());

    // What the agent's collector does once checkpoint 2 is the oldest kept one.
    long horizon = cut.decoder().lastBlock() / SparseFiles.BLOCK * SparseFiles.BLOCK;
    CollectedPrefix.Mark mark = CollectedPrefix.write(live, horizon, 2);
    SparseFiles.punchHole(live, mark.end(), horizon);
    long length = Files.size(live);

    PreparedRecovery r = new RecoveryPreparation(f.state).prepare(c);

    Path saved = r.dir().resolve("threads/1.det");
    assertEquals(length, Files.size(saved));
    assertTrue(
        SparseFiles.dataBytes(saved) < length - 1_500_000,
        "the saved copy keeps the hole: " + SparseFiles.dataBytes(saved) + " of " + length);
    assertEquals(tailBefore, tail(r.dir(), cut), "the saved log reads back from the cut");
    // The rolled-back log ends at the cut, its prefix still freed.
    assertEquals(List.of(), tail(f.state.recording(), cut));
    assertTrue(SparseFiles.dataBytes(live) < length - 1_500_000);
  }

  private static List<Determinant> tail(Path recording, StreamCut cut) throws Exception {
    List<Determinant> out = new ArrayList<>();
    try (ThreadStreamReader r = Recording.open(recording).streamFrom(cut)) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    return out;
  }
}
