package io.ftjvm.replayer.cli;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import java.util.Base64;

/** Minimal JSON writing for --json (no library needed for flat objects). */
final class Json {
  private Json() {}

  static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  static String event(String thread, Determinant d) {
    StringBuilder out = new StringBuilder("{");
    out.append("\"thread\":").append(string(thread));
    out.append(",\"index\":").append(d.eventIndex());
    out.append(",\"type\":").append(string(d.type().name()));
    if (d.type().hasChannel()) {
      out.append(",\"channel\":").append(d.channel());
    }
    if (d.type().hasValue()) {
      out.append(",\"value\":").append(d.value());
    }
    if (d.type() == EventType.JVM_REAL) {
      // The number whose bits the value is; JSON has no NaN or infinities, so those are strings.
      double real = Double.longBitsToDouble(d.value());
      out.append(",\"real\":")
          .append(Double.isFinite(real) ? String.valueOf(real) : string(String.valueOf(real)));
    }
    if (d.text() != null) {
      out.append(",\"text\":").append(string(d.text()));
    }
    if (d.bytes() != null) {
      out.append(",\"length\":").append(d.bytes().length);
      out.append(",\"base64\":").append(string(Base64.getEncoder().encodeToString(d.bytes())));
    }
    out.append(",\"encodedSize\":").append(d.encodedSize());
    return out.append('}').toString();
  }
}
