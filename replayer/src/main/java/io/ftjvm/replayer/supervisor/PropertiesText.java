package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code key=value} files in the order the writer chose (unlike {@link Properties#store}, which
 * shuffles them), readable by {@link Properties#load}. Only what load needs is escaped.
 */
final class PropertiesText {

  private PropertiesText() {}

  static String format(String comment, Map<String, String> entries) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(comment.replace("\n", " ")).append('\n');
    for (Map.Entry<String, String> e : entries.entrySet()) {
      out.append(escape(e.getKey(), true)).append('=').append(escape(e.getValue(), false));
      out.append('\n');
    }
    return out.toString();
  }

  static Map<String, String> read(Path file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : p.stringPropertyNames()) {
      out.put(name, p.getProperty(name));
    }
    return out;
  }

  private static String escape(String s, boolean key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
