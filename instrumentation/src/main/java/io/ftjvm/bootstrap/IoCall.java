package io.ftjvm.bootstrap;

import java.nio.ByteBuffer;

/**
 * One socket operation as the hooks see it: created by an enter advice, handed to the handler
 * before and after the real operation, and carrying its outcome.
 */
public class IoCall {
  public static final int BIND = 1;
  public static final int ACCEPT = 2;
  public static final int CONNECT = 3;
  public static final int READ = 4;
  public static final int WRITE = 5;
  public static final int AVAILABLE = 6;
  public static final int SELECT = 7;

  public final int op;

  /** The JDK socket implementation object (NioSocketImpl, SocketChannelImpl, ...). */
  public final Object socket;

  /**
   * The operation's argument: the accepted SocketImpl, the address to connect or bind to, or the
   * action given to {@code Selector.select(Consumer)}.
   */
  public Object target;

  public byte[] array;
  public int offset;
  public int length;
  public ByteBuffer buffer;

  /** Where the buffer's position was before the operation (NIO reads and writes). */
  public int bufferStart;

  public long result;
  public Throwable thrown;

  public IoCall(int op, Object socket) {
    this.op = op;
    this.socket = socket;
  }

  public static IoCall onArray(int op, Object socket, byte[] array, int offset, int length) {
    IoCall call = new IoCall(op, socket);
    call.array = array;
    call.offset = offset;
    call.length = length;
    return call;
  }

  public static IoCall onBuffer(int op, Object socket, ByteBuffer buffer) {
    IoCall call = new IoCall(op, socket);
    call.buffer = buffer;
    call.bufferStart = buffer.position();
    call.length = buffer.remaining();
    return call;
  }

  public static IoCall on(int op, Object socket, Object target) {
    IoCall call = new IoCall(op, socket);
    call.target = target;
    return call;
  }

  /**
   * A call whose real operation is skipped: replay supplies the outcome (advice skips on this
   * type).
   */
  public static final class Replayed extends IoCall {
    public Replayed(IoCall original, long result, Throwable thrown) {
      super(original.op, original.socket);
      this.target = original.target;
      this.array = original.array;
      this.offset = original.offset;
      this.length = original.length;
      this.buffer = original.buffer;
      this.bufferStart = original.bufferStart;
      this.result = result;
      this.thrown = thrown;
    }
  }
}
