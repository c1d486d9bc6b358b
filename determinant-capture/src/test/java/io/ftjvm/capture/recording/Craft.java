package io.ftjvm.capture.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** Builds stream files byte by byte, to present the reader with exactly the damage under test. */
final class Craft {
  private Craft() {}

  static byte[] streamHeader(String id, int blockSize) {
    ByteBuffer body = ByteBuffer.allocate(4 + id.length()).putInt(blockSize).put(id.getBytes());
    return FileHeader.build(Format.KIND_STREAM, body.array());
  }

  /** A sealed block with a correct CRC32C. */
  static byte[] sealedBlock(int index, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putInt(index).putInt(payload.length).array());
    crc.update(payload);
    return ByteBuffer.allocate(9 + payload.length)
        .putInt(payload.length)
        .putInt((int) crc.getValue())
        .put(Format.SEALED)
        .put(payload)
        .array();
  }

  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  /**
   * A recording (context.bin, no end.bin) whose stream "1" is exactly the given bytes after its
   * header.
   */
  static Path recordingWithStream(Path dir, byte[] afterHeader) throws IOException {
    RecordingWriter.create(dir, TestSupport.context());
    Files.write(dir.resolve("threads/1.det"), concat(streamHeader("1", 64), afterHeader));
    return dir.resolve("threads/1.det");
  }

  static void flip(Path f, long offset, int mask) throws IOException {
    byte[] b = Files.readAllBytes(f);
    b[(int) offset] ^= (byte) mask;
    Files.write(f, b);
  }
}
