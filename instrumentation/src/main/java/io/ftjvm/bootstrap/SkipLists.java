package io.ftjvm.bootstrap;

import java.util.concurrent.ConcurrentSkipListMap;

/**
 * ConcurrentSkipListMap: each public operation of the map, of its submaps and views and of their
 * iterators is one ordered call on the map underneath (see {@code SkipListOrder}). A submap knows
 * its map (its own field); a view or iterator knows the map or submap it came from, so each submap
 * is noted with its map when it is created.
 */
public final class SkipLists {
  private static final WeakIdentityTable<Object> MAPS_OF_SUBMAPS = new WeakIdentityTable<>();

  private SkipLists() {}

  /** A submap was constructed over {@code map}. */
  public static void subMapCreated(Object subMap, Object map) {
    if (subMap != null && map != null) {
      MAPS_OF_SUBMAPS.put(subMap, map);
    }
  }

  /** The ConcurrentSkipListMap under {@code map}: itself, or the map a submap was made over. */
  static Object mapUnder(Object map) {
    if (map instanceof ConcurrentSkipListMap) {
      return map;
    }
    Object under = map == null ? null : MAPS_OF_SUBMAPS.get(map);
    return under != null ? under : map;
  }

  /**
   * Before an operation of a submap, view or iterator that belongs to {@code map}: the object the
   * call is ordered on, to hand to {@link #ended}, or null when it is not ordered.
   */
  public static Object starts(Object map) {
    Object under = mapUnder(map);
    return SyncHooks.beforeOrderedCall(under) ? under : null;
  }

  public static void ended(Object ordered) {
    SyncHooks.afterOrderedCall(ordered != null, ordered);
  }
}
