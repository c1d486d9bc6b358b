package io.ftjvm.instrumentation.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The transformation cache on disk, one file per {@link CacheIdentity}:
 *
 * <pre>
 *   "FTJVMTC" version(1 byte)  identity(UTF)  count(int)
 *   count x { class name(UTF)  input length(int)  input CRC-32(int)
 *             output length(int; -1: unchanged, -2: its input varies from start to start)  output }
 *   (a class seen in several forms has one entry per form)
 *   CRC-32 of everything before (long)
 * </pre>
 *
 * A file that does not end with the right checksum, stops early or was written for another identity
 * is refused ({@link Damaged}) with what is wrong and where; it is never partly used.
 */
final class CacheFile {
  static final String SUFFIX = ".ftc";
  private static final byte[] MAGIC = {'F', 'T', 'J', 'V', 'M', 'T', 'C', 1};

  private static final int UNCHANGED = -1;
  private static final int VARIES = -2;

  /** Files for other agent builds, JDKs or settings kept beside the current one. */
  static final int KEPT_FILES = 8;

  private CacheFile() {}

  /** Why a cache file cannot be used. */
  static final class Damaged extends Exception {
    Damaged(Path file, String what) {
      super(file + " cannot be used (" + what + "); the JDK classes are transformed afresh");
    }
  }

  /** The entries of {@code file}; none if it does not exist. */
  static Map<String, List<TransformationCache.Entry>> read(Path file, String identity)
      throws Damaged {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new Damaged(file, "unreadable: " + e);
    }
    if (bytes.length < MAGIC.length + Long.BYTES
        || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new Damaged(file, "not a transformation cache of this agent version");
    }
    int body = bytes.length - Long.BYTES;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, body);
    long stored = java.nio.ByteBuffer.wrap(bytes, body, Long.BYTES).getLong();
    if (stored != crc.getValue()) {
      throw new Damaged(
          file,
          "checksum "
              + Long.toHexString(crc.getValue())
              + " of its "
              + body
              + " bytes does not match the "
              + Long.toHexString(stored)
              + " it ends with: damaged or truncated");
    }
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length));
    try {
      String written = in.readUTF();
      if (!written.equals(identity)) {
        throw new Damaged(file, "written for another agent, JDK or capture settings");
      }
      int count = in.readInt();
      if (count < 0) {
        throw new Damaged(file, "negative entry count " + count);
      }
      Map<String, List<TransformationCache.Entry>> entries = new HashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int inputLength = in.readInt();
        int inputCrc = in.readInt();
        int outputLength = in.readInt();
        if (outputLength < VARIES || outputLength > in.available()) {
          throw new Damaged(
              file, "entry " + i + " (" + name + ") claims " + outputLength + " bytes");
        }
        byte[] output = outputLength < 0 ? null : in.readNBytes(outputLength);
        entries
            .computeIfAbsent(name, n -> new ArrayList<>())
            .add(
                new TransformationCache.Entry(
                    inputLength, inputCrc, output, outputLength == VARIES));
      }
      if (in.available() != 0) {
        throw new Damaged(file, in.available() + " bytes after the last entry");
      }
      return entries;
    } catch (EOFException e) {
      throw new Damaged(file, "ends inside its entries");
    } catch (IOException e) {
      throw new Damaged(file, "unreadable: " + e);
    }
  }

  /**
   * Writes {@code entries} to {@code file} through a temporary file renamed over it, then deletes
   * the oldest cache files beyond {@link #KEPT_FILES} (other agent builds and JDKs).
   */
  static void write(
      Path file, String identity, Map<String, List<TransformationCache.Entry>> entries)
      throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
    DataOutputStream out = new DataOutputStream(buffer);
    out.write(MAGIC);
    out.writeUTF(identity);
    out.writeInt(entries.values().stream().mapToInt(List::size).sum());
    for (Map.Entry<String, List<TransformationCache.Entry>> e : entries.entrySet()) {
      for (TransformationCache.Entry entry : e.getValue()) {
        out.writeUTF(e.getKey());
        out.writeInt(entry.inputLength());
        out.writeInt(entry.inputCrc());
        if (entry.varies()) {
          out.writeInt(VARIES);
        } else if (entry.unchanged()) {
          out.writeInt(UNCHANGED);
        } else {
          out.writeInt(entry.output().length);
          out.write(entry.output());
        }
      }
    }
    CRC32 crc = new CRC32();
    crc.update(buffer.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    // Named by process, not by Files.createTempFile, whose random names would start a SecureRandom
    // in the application's JVM before its main method.
    Path temp =
        directory.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    try {
      Files.write(temp, buffer.toByteArray());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    pruneOldFiles(directory);
  }

  private static void pruneOldFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> caches =
          files
              .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
              .sorted(Comparator.comparing(CacheFile::modified).reversed())
              .toList();
      for (Path old : caches.subList(Math.min(KEPT_FILES, caches.size()), caches.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException | UncheckedIOException e) {
      // Another JVM pruning at the same moment; the next save tries again.
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
