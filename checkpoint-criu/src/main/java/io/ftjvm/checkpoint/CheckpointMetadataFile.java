package io.ftjvm.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and writes {@value #FILE_NAME}, the metadata file of one checkpoint directory.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "FTCK"
 *      4     2  format version (1), big endian like every number here
 *      6     4  payload length N (at most {@value #MAX_PAYLOAD})
 *     10     N  payload:
 *                 i64 incarnation, i64 sequence, i64 epoch second, i32 nano of second,
 *                 i64 image size, i64 dump duration in ns,
 *                 u16 length + UTF-8 engine name,
 *                 i32 cut entry count, then per entry u16 length + UTF-8 key, i32 length + UTF-8 value
 *   10+N     4  CRC-32C of bytes [0, 10+N)
 * </pre>
 *
 * The file is written to a temporary name, forced to disk and renamed, so a reader sees either no
 * file or a complete one; a reader still refuses anything truncated or corrupt with a {@link
 * MetadataFormatException} naming the file and the offset.
 */
public final class CheckpointMetadataFile {

  /** Name of the metadata file inside a checkpoint directory. */
  public static final String FILE_NAME = "checkpoint.meta";

  static final int MAGIC = 0x4654434B; // "FTCK"
  static final int VERSION = 1;
  static final int HEADER = 10;
  static final int TRAILER = 4;
  static final int MAX_PAYLOAD = 1 << 20;

  private CheckpointMetadataFile() {}

  /** Path of the metadata file of {@code checkpointDir}. */
  public static Path pathIn(Path checkpointDir) {
    return checkpointDir.resolve(FILE_NAME);
  }

  /** Writes the metadata of {@code checkpointDir} atomically and durably. */
  public static void write(Path checkpointDir, CheckpointMetadata metadata) throws IOException {
    byte[] bytes = encode(metadata);
    Path target = pathIn(checkpointDir);
    Path tmp = checkpointDir.resolve(FILE_NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(checkpointDir);
  }

  /** Reads and validates the metadata of {@code checkpointDir}. */
  public static CheckpointMetadata read(Path checkpointDir) throws IOException {
    Path file = pathIn(checkpointDir);
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          file.toString(), null, "no checkpoint metadata (incomplete checkpoint?)");
    }
    if (size > HEADER + MAX_PAYLOAD + TRAILER) {
      throw new MetadataFormatException(
          file,
          0,
          "file is "
              + size
              + " bytes, larger than any metadata file ("
              + (HEADER + MAX_PAYLOAD + TRAILER)
              + ")");
    }
    return decode(file, Files.readAllBytes(file));
  }

  static byte[] encode(CheckpointMetadata m) {
    try {
      ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
      DataOutputStream p = new DataOutputStream(payloadBytes);
      p.writeLong(m.incarnation());
      p.writeLong(m.sequence());
      p.writeLong(m.time().getEpochSecond());
      p.writeInt(m.time().getNano());
      p.writeLong(m.imageSizeBytes());
      p.writeLong(m.dumpDuration().toNanos());
      byte[] engine = m.engine().getBytes(StandardCharsets.UTF_8);
      if (engine.length > 0xFFFF) {
        throw new IllegalArgumentException("engine name too long: " + engine.length + " bytes");
      }
      p.writeShort(engine.length);
      p.write(engine);
      p.writeInt(m.cut().size());
      for (Map.Entry<String, String> e : m.cut().entrySet()) {
        byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
        byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
        if (k.length > 0xFFFF) {
          throw new IllegalArgumentException("cut key too long: " + k.length + " bytes");
        }
        p.writeShort(k.length);
        p.write(k);
        p.writeInt(v.length);
        p.write(v);
      }
      p.flush();
      byte[] payload = payloadBytes.toByteArray();
      if (payload.length > MAX_PAYLOAD) {
        throw new IllegalArgumentException(
            "checkpoint metadata too large: "
                + payload.length
                + " bytes (limit "
                + MAX_PAYLOAD
                + ")");
      }
      ByteBuffer out = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
      out.putInt(MAGIC).putShort((short) VERSION).putInt(payload.length).put(payload);
      CRC32C crc = new CRC32C();
      crc.update(out.array(), 0, out.position());
      out.putInt((int) crc.getValue());
      return out.array();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }

  static CheckpointMetadata decode(Path file, byte[] bytes) throws MetadataFormatException {
    if (bytes.length < HEADER) {
      throw new MetadataFormatException(
          file,
          bytes.length,
          "truncated header: file has " + bytes.length + " bytes, the header needs " + HEADER);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int magic = b.getInt(0);
    if (magic != MAGIC) {
      throw new MetadataFormatException(
          file,
          0,
          String.format(
              "bad magic 0x%08x (expected 0x%08x \"FTCK\"):" + " not a checkpoint metadata file",
              magic, MAGIC));
    }
    int version = Short.toUnsignedInt(b.getShort(4));
    if (version != VERSION) {
      throw new MetadataFormatException(
          file,
          4,
          "unsupported format version " + version + " (this build reads version " + VERSION + ")");
    }
    int length = b.getInt(6);
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new MetadataFormatException(
          file,
          6,
          "implausible payload length "
              + Integer.toUnsignedString(length)
              + " (limit "
              + MAX_PAYLOAD
              + ")");
    }
    long expected = (long) HEADER + length + TRAILER;
    if (bytes.length < expected) {
      throw new MetadataFormatException(
          file,
          bytes.length,
          "truncated: the header announces " + expected + " bytes, the file has " + bytes.length);
    }
    if (bytes.length > expected) {
      throw new MetadataFormatException(
          file, expected, (bytes.length - expected) + " unexpected bytes after the checksum");
    }
    int stored = b.getInt(HEADER + length);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, HEADER + length);
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw new MetadataFormatException(
          file,
          HEADER + length,
          String.format(
              "checksum mismatch (stored 0x%08x, computed 0x%08x): the file is corrupt",
              stored, computed));
    }
    Payload p = new Payload(file, b, HEADER + length);
    b.position(HEADER);
    long incarnation = p.nonNegativeLong("incarnation");
    long sequence = p.nonNegativeLong("sequence");
    long epochSecond = p.longValue("time (epoch second)");
    int nanoAt = b.position();
    int nano = p.intValue("time (nano of second)");
    if (nano < 0 || nano > 999_999_999) {
      throw new MetadataFormatException(file, nanoAt, "nano of second out of range: " + nano);
    }
    long imageSize = p.nonNegativeLong("image size");
    long dumpNanos = p.nonNegativeLong("dump duration");
    String engine = p.string("engine name", 2);
    int countAt = b.position();
    int count = p.intValue("cut entry count");
    if (count < 0 || count > length / 6) {
      throw new MetadataFormatException(file, countAt, "implausible cut entry count " + count);
    }
    Map<String, String> cut = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      int keyAt = b.position();
      String key = p.string("key of cut entry " + i, 2);
      String value = p.string("value of cut entry " + i + " ('" + key + "')", 4);
      if (cut.put(key, value) != null) {
        throw new MetadataFormatException(file, keyAt, "duplicate cut key '" + key + "'");
      }
    }
    if (b.position() != HEADER + length) {
      throw new MetadataFormatException(
          file,
          b.position(),
          (HEADER + length - b.position()) + " unexpected bytes after the cut map");
    }
    Instant time;
    try {
      time = Instant.ofEpochSecond(epochSecond, nano);
    } catch (RuntimeException e) {
      throw new MetadataFormatException(
          file, HEADER + 16, "time out of range: " + epochSecond + " s");
    }
    return new CheckpointMetadata(
        incarnation, sequence, time, imageSize, Duration.ofNanos(dumpNanos), engine, cut);
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can fsync a directory; the rename itself is still atomic.
    }
  }

  /** Bounds-checked reads inside the payload, with errors that name the field and the offset. */
  private static final class Payload {
    private final Path file;
    private final ByteBuffer b;
    private final int end;

    Payload(Path file, ByteBuffer b, int end) {
      this.file = file;
      this.b = b;
      this.end = end;
    }

    private void need(int n, String what) throws MetadataFormatException {
      if (end - b.position() < n) {
        throw new MetadataFormatException(
            file,
            b.position(),
            what + " needs " + n + " bytes but the payload ends after " + (end - b.position()));
      }
    }

    long longValue(String what) throws MetadataFormatException {
      need(8, what);
      return b.getLong();
    }

    long nonNegativeLong(String what) throws MetadataFormatException {
      int at = b.position();
      long v = longValue(what);
      if (v < 0) {
        throw new MetadataFormatException(file, at, what + " is negative: " + v);
      }
      return v;
    }

    int intValue(String what) throws MetadataFormatException {
      need(4, what);
      return b.getInt();
    }

    String string(String what, int lengthBytes) throws MetadataFormatException {
      int at = b.position();
      need(lengthBytes, "length of " + what);
      int len = lengthBytes == 2 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
      if (len < 0) {
        throw new MetadataFormatException(file, at, "negative length " + len + " of " + what);
      }
      need(len, what);
      int start = b.position();
      ByteBuffer slice = b.slice(start, len);
      b.position(start + len);
      try {
        CharBuffer chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(slice);
        return chars.toString();
      } catch (CharacterCodingException e) {
        throw new MetadataFormatException(file, start, what + " is not valid UTF-8");
      }
    }
  }
}
