package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Encodes {@link RunEnd} as the body of end.bin. */
final class EndFile {
  private EndFile() {}

  private static final int FLAG_SEALED = 1;

  static void write(Path dir, RunEnd end) throws IOException {
    BodyWriter w =
        new BodyWriter()
            .varint(Varint.zigzag(end.exitStatus()))
            .i64(end.endEpochMillis())
            .varint(end.streams().size());
    end.streams()
        .forEach(
            (id, s) ->
                w.string(id).varint(s.eventCount).varint(s.length).u8(s.sealed ? FLAG_SEALED : 0));
    SmallFiles.writeAtomically(dir.resolve(Format.END_FILE), Format.KIND_END, w.toByteArray());
  }

  static Optional<RunEnd> read(Path dir) throws IOException {
    Path file = dir.resolve(Format.END_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    BodyReader r = SmallFiles.open(file, Format.KIND_END);
    long at = r.offset();
    long exit = Varint.unzigzag(r.varint("exitStatus"));
    if (exit != (int) exit) {
      throw r.fail(at, "exit status " + exit + " does not fit in an int");
    }
    long endMillis = r.i64("endEpochMillis");
    int n = r.count("stream count", 4);
    Map<String, RunEnd.StreamSummary> streams = new LinkedHashMap<>();
    String previous = null;
    for (int i = 0; i < n; i++) {
      long entryAt = r.offset();
      String id = r.string("thread id of stream " + i);
      if (!ThreadIds.isValid(id)
          || (previous != null && ThreadIds.ORDER.compare(previous, id) >= 0)) {
        throw r.fail(
            entryAt,
            "stream " + i + " has an invalid, duplicated or out-of-order thread id '" + id + "'");
      }
      previous = id;
      long count = r.varint("event count of thread " + id);
      long length = r.varint("length of thread " + id);
      long flagsAt = r.offset();
      int flags = r.u8("flags of thread " + id);
      if ((flags & ~FLAG_SEALED) != 0 || count < 0 || length < 0) {
        throw r.fail(
            flagsAt,
            "invalid entry for thread "
                + id
                + " (flags 0x"
                + Integer.toHexString(flags)
                + ", count "
                + count
                + ", length "
                + length
                + ")");
      }
      streams.put(id, new RunEnd.StreamSummary(count, length, (flags & FLAG_SEALED) != 0));
    }
    r.expectEnd("end.bin");
    return Optional.of(new RunEnd((int) exit, endMillis, streams));
  }
}
