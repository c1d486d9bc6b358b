package io.ftjvm.instrumentation.cache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A CRC-32 of a class file that does not depend on the order of its methods.
 *
 * <p>For retransformation the JVM rebuilds a class's bytes from its memory, and lists the methods
 * in the order it keeps them in: sorted by where their names happen to be in memory, which differs
 * from run to run for a class outside the JVM's shared archive (a JDK class the agent loads itself,
 * such as CompletableFuture or StampedLock). Everything else (the constant pool, the fields, each
 * method's bytes) comes out the same. The methods are therefore hashed in the order of their own
 * bytes. What was made of one order is valid for another: retransformation matches methods by name
 * and descriptor, never by position.
 */
final class ClassBytesDigest {
  private ClassBytesDigest() {}

  /** The digest; a plain CRC-32 of the bytes if they cannot be parsed as a class file. */
  static int of(byte[] classFile) {
    try {
      return methodOrderFree(classFile);
    } catch (RuntimeException malformed) {
      CRC32 crc = new CRC32();
      crc.update(classFile, 0, classFile.length);
      return (int) crc.getValue() ^ 0x5bd1e995;
    }
  }

  private static int methodOrderFree(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(8); // magic, minor and major version
    int constants = in.getShort() & 0xffff;
    for (int i = 1; i < constants; i++) {
      int tag = in.get() & 0xff;
      switch (tag) {
        case 1 -> skip(in, in.getShort() & 0xffff); // Utf8
        case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4);
        case 5, 6 -> {
          skip(in, 8);
          i++; // long and double take two entries
        }
        case 7, 8, 16, 19, 20 -> skip(in, 2);
        case 15 -> skip(in, 3);
        default -> throw new IllegalArgumentException("constant tag " + tag);
      }
    }
    skip(in, 6); // access flags, this class, super class
    skip(in, 2 * (in.getShort() & 0xffff)); // interfaces
    int fields = in.getShort() & 0xffff;
    for (int i = 0; i < fields; i++) {
      skipMember(in);
    }
    int methodsStart = in.position();
    int methodCount = in.getShort() & 0xffff;
    List<byte[]> methods = new ArrayList<>(methodCount);
    for (int i = 0; i < methodCount; i++) {
      int start = in.position();
      skipMember(in);
      methods.add(Arrays.copyOfRange(bytes, start, in.position()));
    }
    int methodsEnd = in.position();
    methods.sort(Arrays::compare);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, methodsStart);
    for (byte[] method : methods) {
      crc.update(method);
    }
    crc.update(bytes, methodsEnd, bytes.length - methodsEnd);
    return (int) crc.getValue();
  }

  /** A field_info or method_info: flags, name, descriptor, attributes. */
  private static void skipMember(ByteBuffer in) {
    skip(in, 6);
    int attributes = in.getShort() & 0xffff;
    for (int a = 0; a < attributes; a++) {
      skip(in, 2);
      skip(in, in.getInt());
    }
  }

  private static void skip(ByteBuffer in, int n) {
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("truncated");
    }
    in.position(in.position() + n);
  }
}
