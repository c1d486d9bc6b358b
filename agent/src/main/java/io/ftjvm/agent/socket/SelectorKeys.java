package io.ftjvm.agent.socket;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A selector's selected-key set, made replayable. The JDK keeps it in a HashSet of SelectionKey
 * objects, so the order in which an application sees ready channels depends on identity hashes of
 * JDK objects. Each selector gets an insertion-ordered set instead (in record and in replay), so
 * that the order recorded is the order replayed.
 */
public final class SelectorKeys {
  private static final Map<Object, Boolean> ORDERED = new WeakHashMap<>();

  private SelectorKeys() {}

  /** One selected key: its channel's id and its ready operations. */
  public record Ready(int channel, int readyOps) {}

  /** Replaces the selector's selected-key set with an insertion-ordered one (once). */
  public static void makeOrdered(Object selector) throws Exception {
    synchronized (ORDERED) {
      if (ORDERED.containsKey(selector)) {
        return;
      }
      Class<?> impl = Class.forName("sun.nio.ch.SelectorImpl");
      Field selected = accessible(impl.getDeclaredField("selectedKeys"));
      Field published = accessible(impl.getDeclaredField("publicSelectedKeys"));
      Method ungrowable =
          Class.forName("sun.nio.ch.Util").getDeclaredMethod("ungrowableSet", Set.class);
      ungrowable.setAccessible(true);
      @SuppressWarnings("unchecked")
      Set<SelectionKey> old = (Set<SelectionKey>) selected.get(selector);
      Set<SelectionKey> ordered = new LinkedHashSet<>(old);
      selected.set(selector, ordered);
      published.set(selector, ungrowable.invoke(null, ordered));
      ORDERED.put(selector, Boolean.TRUE);
    }
  }

  /** The selected keys in iteration order, encoded for the SELECT determinant. */
  public static byte[] encode(Selector selector, Channels channels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SelectionKey key : selectedSet(selector)) {
      putVarint(out, channels.idOf(key.channel()));
      putVarint(out, key.isValid() ? key.readyOps() : 0);
    }
    return out.toByteArray();
  }

  public static List<Ready> decode(byte[] bytes) {
    List<Ready> keys = new ArrayList<>();
    int[] at = {0};
    while (at[0] < bytes.length) {
      int channel = (int) getVarint(bytes, at);
      int ops = (int) getVarint(bytes, at);
      keys.add(new Ready(channel, ops));
    }
    return keys;
  }

  /** Makes the selected-key set hold exactly these keys, in this order, with these ready ops. */
  public static void replace(Selector selector, List<SelectionKey> keys, List<Ready> ready)
      throws Exception {
    Set<SelectionKey> selected = selectedSet(selector);
    selected.clear();
    Method nioReadyOps =
        Class.forName("sun.nio.ch.SelectionKeyImpl").getMethod("nioReadyOps", int.class);
    for (int i = 0; i < keys.size(); i++) {
      nioReadyOps.invoke(keys.get(i), ready.get(i).readyOps());
      selected.add(keys.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<SelectionKey> selectedSet(Selector selector) {
    try {
      return (Set<SelectionKey>)
          accessible(Class.forName("sun.nio.ch.SelectorImpl").getDeclaredField("selectedKeys"))
              .get(selector);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the selected keys of " + selector, e);
    }
  }

  private static Field accessible(Field field) {
    field.setAccessible(true);
    return field;
  }

  private static void putVarint(ByteArrayOutputStream out, long value) {
    long v = value & 0xFFFFFFFFL;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long getVarint(byte[] bytes, int[] at) {
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at[0] >= bytes.length) {
        throw new IllegalArgumentException("truncated selected-key list");
      }
      int b = bytes[at[0]++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (int) value;
      }
    }
    throw new IllegalArgumentException("malformed selected-key list");
  }
}
