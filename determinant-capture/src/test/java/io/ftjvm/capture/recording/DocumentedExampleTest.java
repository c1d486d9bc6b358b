package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.EventType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte dump in section 11 of docs/recording-format.md is what the writer produces. A reader
 * written from the document alone starts from that example, so a stale dump (a version bump, a
 * changed encoding) would mislead it; this test reads the dump out of the document itself.
 */
class DocumentedExampleTest {
  private static final Path DOC = Path.of("..", "docs", "recording-format.md");

  /** {@code 0000001e: 01 80a0 abfe f962 comment}: offset, hex groups, two spaces, comment. */
  private static final Pattern DUMP_LINE =
      Pattern.compile("^([0-9a-f]{8}): ((?:[0-9a-f]{2,4} ?)+?)(?: {2,}.*)?$");

  @TempDir Path tmp;

  @Test
  void theDocumentedStreamIsWhatTheWriterWrites() throws Exception {
    Path dir = writeExample();
    assertArrayEquals(
        dump("threads/1.det"),
        Files.readAllBytes(dir.resolve("threads/1.det")),
        "threads/1.det differs from the dump in section 11 of " + DOC);
  }

  @Test
  void theDocumentedEndFileMatchesButForItsTimeAndChecksum() throws Exception {
    Path dir = writeExample();
    byte[] documented = dump("end.bin");
    byte[] written = Files.readAllBytes(dir.resolve("end.bin"));
    assertEquals(documented.length, written.length, "end.bin length");
    // endEpochMillis (8 bytes after the exit status at 0x0c) and the CRC that covers it are the
    // clock's at finish; everything else is fixed by the example.
    int time = 0x0d;
    assertArrayEquals(Arrays.copyOf(documented, time), Arrays.copyOf(written, time), "header");
    assertArrayEquals(
        Arrays.copyOfRange(documented, time + 8, documented.length - 4),
        Arrays.copyOfRange(written, time + 8, written.length - 4),
        "stream list");
  }

  @Test
  void theDumpCarriesTheCurrentVersion() throws Exception {
    byte[] stream = dump("threads/1.det");
    assertEquals(Format.VERSION, ((stream[4] & 0xFF) << 8) | (stream[5] & 0xFF));
    String doc = Files.readString(DOC);
    assertTrue(
        doc.startsWith("# Recording format, version " + Format.VERSION + "\n"),
        "the document's title names another version than Format.VERSION " + Format.VERSION);
  }

  private Path writeExample() throws Exception {
    Path dir = tmp.resolve("rec");
    RecordingWriter w = RecordingWriter.create(dir, TestSupport.context());
    ThreadStreamWriter t = w.openThread("1");
    t.clock(EventType.CLOCK_MILLIS, 1_700_000_000_000L);
    t.clock(EventType.CLOCK_MILLIS, 1_700_000_000_001L);
    t.text(EventType.THREAD_START, "1.1");
    t.channelEvent(EventType.SOCKET_ACCEPT, 3, 54321, "/127.0.0.1");
    byte[] hi = "hi".getBytes(StandardCharsets.US_ASCII);
    t.bytes(EventType.SOCKET_READ, 3, hi, 0, hi.length);
    w.finish(0);
    return dir;
  }

  /** The bytes of one file's dump: the fenced lines after the line naming the file. */
  private static byte[] dump(String file) throws Exception {
    List<String> lines = Files.readAllLines(DOC);
    int start = lines.indexOf("## 11. Example");
    assertTrue(start >= 0, "no section 11 in " + DOC);
    int at = start;
    while (at < lines.size() && !lines.get(at).equals(file)) {
      at++;
    }
    assertTrue(at < lines.size(), "no dump of " + file + " in section 11 of " + DOC);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = at + 1; i < lines.size(); i++) {
      Matcher m = DUMP_LINE.matcher(lines.get(i));
      if (!m.matches()) {
        break;
      }
      assertEquals(
          out.size(), Integer.parseInt(m.group(1), 16), "offset of line " + (i + 1) + " of " + DOC);
      out.writeBytes(HexFormat.of().parseHex(m.group(2).replace(" ", "")));
    }
    assertTrue(out.size() > 0, "empty dump of " + file);
    return out.toByteArray();
  }
}
