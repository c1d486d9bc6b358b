package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encodes {@link RunContext} as the body of context.bin (field order fixed by the format). */
final class ContextFile {
  /** More than any machine has: a larger count is damage. */
  private static final long MAX_PROCESSORS = 1 << 20;

  private ContextFile() {}

  static void write(Path dir, RunContext c) throws IOException {
    BodyWriter w =
        new BodyWriter()
            .string(c.javaVersion())
            .string(c.javaVendor())
            .string(c.javaHome())
            .string(c.mainClass())
            .string(c.mode())
            .string(c.agentVersion())
            .i64(c.startEpochMillis());
    list(w, c.commandLine());
    list(w, c.appArguments());
    map(w, c.systemProperties());
    map(w, c.environment());
    w.varint(c.processors());
    SmallFiles.writeAtomically(
        dir.resolve(Format.CONTEXT_FILE), Format.KIND_CONTEXT, w.toByteArray());
  }

  static RunContext read(Path dir) throws IOException {
    Path file = dir.resolve(Format.CONTEXT_FILE);
    if (!Files.exists(file)) {
      String why =
          Files.isDirectory(dir)
              ? "the directory holds no context.bin, so it is not a recording (or its recorder never got started)"
              : "the recording directory does not exist";
      throw new RecordingFormatException(file, 0, "missing context.bin: " + why);
    }
    BodyReader r = SmallFiles.open(file, Format.KIND_CONTEXT);
    RunContext.Builder b =
        RunContext.builder()
            .formatVersion(Format.VERSION)
            .javaVersion(r.string("javaVersion"))
            .javaVendor(r.string("javaVendor"))
            .javaHome(r.string("javaHome"))
            .mainClass(r.string("mainClass"))
            .mode(r.string("mode"))
            .agentVersion(r.string("agentVersion"))
            .startEpochMillis(r.i64("startEpochMillis"))
            .commandLine(list(r, "commandLine"))
            .appArguments(list(r, "appArguments"))
            .systemProperties(map(r, "systemProperties"))
            .environment(map(r, "environment"));
    // Kept since 2026-11-23, last: a recording made before ends here and does not say.
    if (r.remaining() > 0) {
      long at = r.offset();
      long processors = r.varint("processors");
      if (processors > MAX_PROCESSORS) {
        throw r.fail(at, "processors " + processors + " is no processor count");
      }
      b.processors((int) processors);
    }
    r.expectEnd("context.bin");
    return b.build();
  }

  private static void list(BodyWriter w, List<String> l) {
    w.varint(l.size());
    l.forEach(w::string);
  }

  private static void map(BodyWriter w, Map<String, String> m) {
    w.varint(m.size());
    m.forEach((k, v) -> w.string(k).string(v));
  }

  private static List<String> list(BodyReader r, String what) throws RecordingFormatException {
    int n = r.count(what + " count", 1);
    List<String> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long at = r.offset();
      String s = r.string(what + "[" + i + "]");
      if (s == null) {
        throw r.fail(at, what + "[" + i + "] is null");
      }
      l.add(s);
    }
    return l;
  }

  private static Map<String, String> map(BodyReader r, String what)
      throws RecordingFormatException {
    int n = r.count(what + " count", 2);
    Map<String, String> m = new LinkedHashMap<>();
    String previous = null;
    for (int i = 0; i < n; i++) {
      long at = r.offset();
      String k = r.string(what + " key " + i);
      String v = r.string(what + " value " + i);
      // Writers store keys sorted and unique; anything else is damage.
      if (k == null || v == null || (previous != null && previous.compareTo(k) >= 0)) {
        throw r.fail(at, what + " entry " + i + " is null, duplicated or out of order");
      }
      previous = k;
      m.put(k, v);
    }
    return m;
  }
}
