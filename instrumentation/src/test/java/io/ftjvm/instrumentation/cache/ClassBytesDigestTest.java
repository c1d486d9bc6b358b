package io.ftjvm.instrumentation.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassBytesDigestTest {
  @Test
  void theOrderOfTheMethodsDoesNotMatter() throws IOException {
    assertEquals(
        ClassBytesDigest.of(classFile(List.of("run", "stop", "join"), (byte) 1)),
        ClassBytesDigest.of(classFile(List.of("join", "run", "stop"), (byte) 1)));
  }

  @Test
  void aMethodsBytesDoMatter() throws IOException {
    assertNotEquals(
        ClassBytesDigest.of(classFile(List.of("run", "stop"), (byte) 1)),
        ClassBytesDigest.of(classFile(List.of("run", "stop"), (byte) 2)));
  }

  @Test
  void whatPrecedesTheMethodsDoesMatter() throws IOException {
    byte[] a = classFile(List.of("run", "stop"), (byte) 1);
    byte[] b = a.clone();
    b[7]++; // the class file version
    assertNotEquals(ClassBytesDigest.of(a), ClassBytesDigest.of(b));
  }

  @Test
  void bytesThatAreNotAClassFileStillGetADigest() throws IOException {
    byte[] whole = classFile(List.of("run", "stop"), (byte) 1);
    byte[] truncated = Arrays.copyOf(whole, whole.length - 4);
    assertEquals(ClassBytesDigest.of(truncated), ClassBytesDigest.of(truncated.clone()));
    assertNotEquals(ClassBytesDigest.of(whole), ClassBytesDigest.of(truncated));
  }

  @Test
  void aRealClassFileParses() throws IOException {
    byte[] bytes;
    try (var in = Thread.class.getResourceAsStream("/java/lang/Thread.class")) {
      bytes = in.readAllBytes();
    }
    // The fallback digest of unparseable bytes is the plain CRC-32 with bits flipped.
    java.util.zip.CRC32 plain = new java.util.zip.CRC32();
    plain.update(bytes);
    assertNotEquals((int) plain.getValue() ^ 0x5bd1e995, ClassBytesDigest.of(bytes));
  }

  /**
   * A class file with every kind of constant the parser must skip, one field, and the given
   * methods, each carrying an attribute whose single byte is {@code body}.
   */
  private static byte[] classFile(List<String> methods, byte body) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(0xCAFEBABE);
    out.writeShort(0);
    out.writeShort(61);
    List<String> names = List.of("Example", "java/lang/Object", "()V", "Body", "count", "I");
    // 1..6: Utf8; 7, 8: Class; 9: Integer; 10-11: Long; 12: String; 13: NameAndType; 14 MethodType
    // 15 MethodHandle; 16..: the method names.
    out.writeShort(16 + methods.size());
    for (String name : names) {
      out.writeByte(1);
      out.writeUTF(name);
    }
    out.writeByte(7);
    out.writeShort(1);
    out.writeByte(7);
    out.writeShort(2);
    out.writeByte(3);
    out.writeInt(42);
    out.writeByte(5);
    out.writeLong(7L);
    out.writeByte(8);
    out.writeShort(1);
    out.writeByte(12);
    out.writeShort(5);
    out.writeShort(6);
    out.writeByte(16);
    out.writeShort(3);
    out.writeByte(15);
    out.writeByte(5);
    out.writeShort(13);
    for (String method : methods.stream().sorted().toList()) {
      out.writeByte(1);
      out.writeUTF(method);
    }
    out.writeShort(0x21); // public super
    out.writeShort(7);
    out.writeShort(8);
    out.writeShort(0); // interfaces
    out.writeShort(1); // one field: int count
    out.writeShort(0x2);
    out.writeShort(5);
    out.writeShort(6);
    out.writeShort(0);
    out.writeShort(methods.size());
    List<String> sorted = methods.stream().sorted().toList();
    for (String method : methods) {
      out.writeShort(0x401); // public abstract
      out.writeShort(16 + sorted.indexOf(method));
      out.writeShort(3);
      out.writeShort(1);
      out.writeShort(4);
      out.writeInt(1);
      out.writeByte(body);
    }
    out.writeShort(0); // class attributes
    return buffer.toByteArray();
  }
}
