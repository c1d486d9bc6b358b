package io.ftjvm.bootstrap;

import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.management.MBeanAttributeInfo;
import javax.management.StandardMBean;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * ThreadInfos as a recording keeps them (a THREAD_INFO event's text), and back. A ThreadInfo has no
 * public constructor, only {@link ThreadInfo#from(CompositeData)}; so each is kept in the open-data
 * form a JMX client of the platform's ThreadMXBean receives (the JDK's own mapping, whatever items
 * this JDK gives it), written as text a line per item:
 *
 * <pre>
 * N                 how many infos, then each one: "-" when absent, or "{", its items, "}"
 * key=value         a simple item (backslash, newline and carriage return escaped)
 * key!              an absent item of any type
 * key{ ... }        a composite item, its items in between
 * key[N             an array item of N elements, each "-", "=value" or "{ ... }"
 * </pre>
 *
 * Items come in their names' order, so the text can be read without the type (inspect does) and is
 * checked against it when read back. The agent's frames are left out of each stack trace, as
 * StackTraceText leaves them out, and the monitors they held with them.
 */
final class ThreadInfoText {
  private static final String ABSENT_ELEMENT = "-";

  private ThreadInfoText() {}

  /** The text of these infos, in order; {@code askersId} is the id of the thread that asked. */
  static String of(ThreadInfo[] infos, long askersId) {
    CompositeData[] data = openData(infos);
    StringBuilder text = new StringBuilder().append(infos.length).append('\n');
    for (int i = 0; i < infos.length; i++) {
      writeElement(text, infos[i] == null ? null : withoutAgentFrames(infos[i], data[i], askersId));
    }
    return text.toString();
  }

  /** The infos of that text; IllegalArgumentException, naming the line, if it is not such text. */
  static ThreadInfo[] parse(String text) {
    Lines lines = new Lines(text);
    int n = lines.count(lines.next());
    ThreadInfo[] infos = new ThreadInfo[n];
    for (int i = 0; i < n; i++) {
      String line = lines.next();
      if (line.equals(ABSENT_ELEMENT)) {
        continue;
      }
      lines.expect(line.equals("{"), "'{' or '-' for thread info " + (i + 1));
      infos[i] = ThreadInfo.from(readItems(lines, Mapping.INFO));
      lines.expect(lines.next().equals("}"), "'}' closing thread info " + (i + 1));
    }
    lines.expect(!lines.hasNext(), "the end of the thread infos");
    return infos;
  }

  /** The JDK's open-data form of ThreadInfo, and the mapping into it. */
  private static final class Mapping {
    static final CompositeType INFO = infoType();

    private static CompositeType infoType() {
      try {
        StandardMBean bean =
            new StandardMBean(() -> new ThreadInfo[0], ThreadInfosMXBean.class, true);
        MBeanAttributeInfo infos = bean.getMBeanInfo().getAttributes()[0];
        return (CompositeType)
            ((ArrayType<?>) infos.getDescriptor().getFieldValue("openType")).getElementOpenType();
      } catch (Exception e) {
        throw new IllegalStateException("this JDK's open type of ThreadInfo is unavailable", e);
      }
    }
  }

  private static CompositeData[] openData(ThreadInfo[] infos) {
    try {
      return (CompositeData[])
          new StandardMBean(() -> infos, ThreadInfosMXBean.class, true).getAttribute("Infos");
    } catch (Exception e) {
      throw new IllegalStateException("a ThreadInfo could not be put in its open-data form", e);
    }
  }

  /**
   * The info's items, its stack trace without the agent's frames (StackTraceText decides which) and
   * its locked monitors without those the left-out frames held, the others' depths counted again.
   */
  private static CompositeData withoutAgentFrames(
      ThreadInfo info, CompositeData data, long askersId) {
    StackTraceElement[] trace = info.getStackTrace();
    boolean[] kept = StackTraceText.programFrames(trace, info.getThreadId() == askersId);
    int[] newDepth = new int[trace.length];
    int keptCount = 0;
    for (int i = 0; i < trace.length; i++) {
      newDepth[i] = kept[i] ? keptCount++ : -1;
    }
    if (keptCount == trace.length) {
      return data;
    }
    Map<String, Object> items = items(data);
    CompositeData[] frames = (CompositeData[]) items.get("stackTrace");
    List<CompositeData> keptFrames = new ArrayList<>();
    for (int i = 0; i < frames.length; i++) {
      if (kept[i]) {
        keptFrames.add(frames[i]);
      }
    }
    items.put("stackTrace", keptFrames.toArray(new CompositeData[0]));
    MonitorInfo[] monitors = info.getLockedMonitors();
    CompositeData[] monitorData = (CompositeData[]) items.get("lockedMonitors");
    if (monitorData != null) {
      List<CompositeData> keptMonitors = new ArrayList<>();
      for (int i = 0; i < monitors.length; i++) {
        int depth = monitors[i].getLockedStackDepth();
        if (depth < 0) {
          keptMonitors.add(monitorData[i]); // held by JNI code, not in a frame
        } else if (depth < trace.length && newDepth[depth] >= 0) {
          Map<String, Object> monitor = items(monitorData[i]);
          monitor.put("lockedStackDepth", newDepth[depth]);
          keptMonitors.add(composite(monitorData[i].getCompositeType(), monitor));
        }
      }
      items.put("lockedMonitors", keptMonitors.toArray(new CompositeData[0]));
    }
    return composite(data.getCompositeType(), items);
  }

  private static Map<String, Object> items(CompositeData data) {
    Map<String, Object> items = new HashMap<>();
    for (String key : data.getCompositeType().keySet()) {
      items.put(key, data.get(key));
    }
    return items;
  }

  private static CompositeData composite(CompositeType type, Map<String, Object> items) {
    try {
      return new CompositeDataSupport(type, items);
    } catch (OpenDataException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void writeItems(StringBuilder text, CompositeData data) {
    CompositeType type = data.getCompositeType();
    for (String key : new TreeSet<>(type.keySet())) {
      Object value = data.get(key);
      text.append(key);
      if (value == null) {
        text.append("!\n");
      } else if (type.getType(key) instanceof ArrayType<?>) {
        Object[] elements = (Object[]) value;
        text.append('[').append(elements.length).append('\n');
        for (Object element : elements) {
          writeElement(text, element);
        }
      } else {
        writeElement(text, value); // a composite's "{" or a simple value's "=" follows the key
      }
    }
  }

  /** An info, an array element or an item's value: "-" if absent, "{" items "}", or "=value". */
  private static void writeElement(StringBuilder text, Object element) {
    if (element == null) {
      text.append(ABSENT_ELEMENT).append('\n');
    } else if (element instanceof CompositeData composite) {
      text.append("{\n");
      writeItems(text, composite);
      text.append("}\n");
    } else {
      escape(text.append('='), element.toString()).append('\n');
    }
  }

  private static CompositeData readItems(Lines lines, CompositeType type) {
    Map<String, Object> items = new HashMap<>();
    for (String key : new TreeSet<>(type.keySet())) {
      String line = lines.next();
      lines.expect(
          line.startsWith(key) && line.length() > key.length(),
          "item " + key + " of " + type.getTypeName());
      char mark = line.charAt(key.length());
      String rest = line.substring(key.length() + 1);
      OpenType<?> itemType = type.getType(key);
      if (mark == '!' && rest.isEmpty()) {
        items.put(key, null);
      } else if (mark == '{' && rest.isEmpty() && itemType instanceof CompositeType nested) {
        items.put(key, readItems(lines, nested));
        lines.expect(lines.next().equals("}"), "'}' closing item " + key);
      } else if (mark == '[' && itemType instanceof ArrayType<?> array) {
        items.put(key, readArray(lines, array, lines.count(rest)));
      } else if (mark == '=' && itemType instanceof SimpleType<?> simple) {
        items.put(key, lines.value(simple, unescape(rest)));
      } else {
        lines.fail("item " + key + " of type " + itemType.getTypeName());
      }
    }
    return composite(type, items);
  }

  private static Object[] readArray(Lines lines, ArrayType<?> type, int n) {
    OpenType<?> elementType = type.getElementOpenType();
    if (type.getDimension() != 1
        || !(elementType instanceof CompositeType || elementType instanceof SimpleType<?>)) {
      lines.fail("an array of a type the agent does not keep: " + type.getTypeName());
    }
    Object[] elements =
        elementType instanceof CompositeType
            ? new CompositeData[n]
            : (Object[]) java.lang.reflect.Array.newInstance(classOf(lines, elementType), n);
    for (int i = 0; i < n; i++) {
      String line = lines.next();
      if (line.equals(ABSENT_ELEMENT)) {
        continue;
      }
      if (elementType instanceof CompositeType composite) {
        lines.expect(line.equals("{"), "'{' or '-' for an element");
        elements[i] = readItems(lines, composite);
        lines.expect(lines.next().equals("}"), "'}' closing an element");
      } else {
        lines.expect(line.startsWith("="), "'=' or '-' for an element");
        elements[i] = lines.value((SimpleType<?>) elementType, unescape(line.substring(1)));
      }
    }
    return elements;
  }

  private static Class<?> classOf(Lines lines, OpenType<?> type) {
    try {
      return Class.forName(type.getClassName());
    } catch (ClassNotFoundException e) {
      lines.fail("an element of the unknown class " + type.getClassName());
      return null;
    }
  }

  private static StringBuilder escape(StringBuilder text, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
    return text;
  }

  private static String unescape(String escaped) {
    if (escaped.indexOf('\\') < 0) {
      return escaped;
    }
    StringBuilder value = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char next = escaped.charAt(++i);
        value.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  /** The text's lines, read in order, and the errors that name the line they are about. */
  private static final class Lines {
    private final String[] lines;
    private final int length;
    private int next;

    Lines(String text) {
      this.lines = text.isEmpty() ? new String[0] : text.split("\n", -1);
      // A text ends with a newline, which split leaves as an empty last line.
      int n = lines.length;
      this.length = n > 0 && lines[n - 1].isEmpty() ? n - 1 : n;
    }

    boolean hasNext() {
      return next < length;
    }

    String next() {
      if (next >= length) {
        throw new IllegalArgumentException(
            "thread info text: ends at line " + (length + 1) + ", more was expected");
      }
      return lines[next++];
    }

    int count(String line) {
      try {
        int n = Integer.parseInt(line);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
      fail("a count");
      return 0;
    }

    Object value(SimpleType<?> type, String text) {
      try {
        return switch (type.getClassName()) {
          case "java.lang.String" -> text;
          case "java.lang.Long" -> Long.valueOf(text);
          case "java.lang.Integer" -> Integer.valueOf(text);
          case "java.lang.Boolean" -> parseBoolean(text);
          default -> {
            fail("a value of " + type.getClassName() + ", which the agent does not keep");
            yield null;
          }
        };
      } catch (NumberFormatException e) {
        fail("a value of " + type.getClassName());
        return null;
      }
    }

    private Boolean parseBoolean(String text) {
      if (!text.equals("true") && !text.equals("false")) {
        fail("true or false");
      }
      return Boolean.valueOf(text);
    }

    void expect(boolean met, String what) {
      if (!met) {
        fail(what);
      }
    }

    void fail(String what) {
      String found = next == 0 ? "nothing" : "'" + lines[next - 1] + "'";
      throw new IllegalArgumentException(
          "thread info text, line " + next + ": expected " + what + ", found " + found);
    }
  }
}
