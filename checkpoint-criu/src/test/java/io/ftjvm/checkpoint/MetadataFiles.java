package io.ftjvm.checkpoint;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Test helper: builds metadata files byte by byte, with a correct checksum. */
final class MetadataFiles {

  private MetadataFiles() {}

  static byte[] withChecksum(int magic, int version, byte[] payload) {
    ByteBuffer b =
        ByteBuffer.allocate(
            CheckpointMetadataFile.HEADER + payload.length + CheckpointMetadataFile.TRAILER);
    b.putInt(magic).putShort((short) version).putInt(payload.length).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** The payload of a file produced by {@link CheckpointMetadataFile#encode}. */
  static byte[] payloadOf(byte[] file) {
    byte[] p =
        new byte[file.length - CheckpointMetadataFile.HEADER - CheckpointMetadataFile.TRAILER];
    System.arraycopy(file, CheckpointMetadataFile.HEADER, p, 0, p.length);
    return p;
  }
}
