package io.ftjvm.capture.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodecTest {
  @Test
  void zigzagAndVarintSizes() {
    long[] values = {0, -1, 1, -64, 63, 64, -65, 8191, -8192, 8192, Long.MAX_VALUE, Long.MIN_VALUE};
    int[] sizes = {1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 10, 10};
    for (int i = 0; i < values.length; i++) {
      long zz = Varint.zigzag(values[i]);
      assertEquals(values[i], Varint.unzigzag(zz));
      assertEquals(sizes[i], Varint.size(zz), "size of " + values[i]);
      ByteBuffer b = ByteBuffer.allocate(16);
      assertEquals(sizes[i], Varint.put(b, 0, zz));
    }
    assertEquals(5, Varint.size(0xFFFFFFFFL));
    assertEquals(9, Varint.size(1L << 56));
    assertEquals(8, Varint.size((1L << 56) - 1));
  }

  @Test
  void ipv4Detection() {
    assertEquals(0, TextCodec.ipv4Start("127.0.0.1"));
    assertEquals(1, TextCodec.ipv4Start("/10.0.0.1"));
    assertEquals(10, TextCodec.ipv4Start("localhost/192.168.1.20"));
    assertEquals(0, TextCodec.ipv4Start("255.255.255.255"));
    for (String no :
        new String[] {
          "",
          "1.2.3",
          "1.2.3.256",
          "01.2.3.4",
          "1.2.3.04",
          "x1.2.3.4",
          "1.2.3.4.5",
          "1.2.3.4/",
          "::1",
          "1.2.3.4 ",
          "1..3.4",
          "1234.1.1.1"
        }) {
      assertEquals(-1, TextCodec.ipv4Start(no), no);
    }
  }

  @Test
  void utf8MatchesTheJdk() {
    String[] texts = {
      "",
      "abc",
      "\u00e9\u00df",
      "\u20ac",
      "\ud83d\ude00",
      "\ud800",
      "a\udc00b",
      "\ud800\ud800\udc00"
    };
    for (String s : texts) {
      byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(32);
      int end = TextCodec.putUtf8(b, 0, s, 0, s.length());
      assertEquals(jdk.length, end, s);
      assertEquals(jdk.length, TextCodec.utf8Length(s, 0, s.length()), s);
      byte[] mine = new byte[end];
      b.get(0, mine);
      assertEquals(ByteBuffer.wrap(jdk), ByteBuffer.wrap(mine), s);
    }
  }
}
