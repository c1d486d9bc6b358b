package io.ftjvm.testapps.echo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The request/response protocol shared by the echo servers, {@link LoadClient} and the connect
 * probe. Every frame is a 4-byte big-endian length followed by that many payload bytes. The
 * response payload to the n-th request (n from 1) of a connection is the ASCII text {@code
 * #<n>:<crc32 of request payload, 8 lowercase hex digits>:} followed by the request payload with
 * its bytes reversed. The counter is per connection on purpose: each connection thread's behaviour
 * then depends only on its own input, never on how threads interleave.
 */
public final class Protocol {
  /** Larger lengths are a protocol error (guards against reading garbage as a length). */
  public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

  private Protocol() {}

  public static byte[] response(int requestNumber, byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    byte[] prefix =
        String.format("#%d:%08x:", requestNumber, crc.getValue())
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + payload.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    for (int i = 0; i < payload.length; i++) {
      out[prefix.length + i] = payload[payload.length - 1 - i];
    }
    return out;
  }

  /**
   * Deterministic printable payload for request {@code request} of connection {@code connection},
   * so that two client runs send identical bytes.
   */
  public static byte[] payload(int connection, int request, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + (connection * 7 + request * 3 + i) % 26);
    }
    return b;
  }

  /** Length prefix and payload in one array, so a frame goes out in a single write. */
  public static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }

  public static void writeFrame(OutputStream out, byte[] payload) throws IOException {
    out.write(frame(payload));
    out.flush();
  }

  /**
   * Reads one frame; returns null on a clean end of stream before the length (the peer closed
   * between requests). readFully copes with partial reads; EOF inside a frame throws.
   */
  public static byte[] readFrame(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length =
        (first << 24)
            | (in.readUnsignedByte() << 16)
            | (in.readUnsignedByte() << 8)
            | in.readUnsignedByte();
    checkLength(length);
    byte[] payload = new byte[length];
    in.readFully(payload);
    return payload;
  }

  public static void checkLength(int length) throws IOException {
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new ProtocolException("bad frame length " + length);
    }
  }

  /** A peer that does not speak the protocol. */
  public static final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
      super(message);
    }
  }
}
