package io.ftjvm.instrumentation.sync;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * ConcurrentHashMap: what get, putIfAbsent, merge or compute return, and what an iterator sees,
 * depends on the order in which threads reach the map. Each public operation of the map, of its
 * key, value and entry views and of its iterators is one ordered call on the map (see {@code
 * SyncHooks.beforeOrderedCall}): one thread at a time per map when recorded, the same order in
 * replay. Whole operations, not single memory operations as in CompletableFuture: the map's
 * internals spin, yield and park on contention, which no replay could repeat, while operations that
 * never overlap never contend. The map runs application code inside its operations (keys' hashCode
 * and equals, compute and merge functions); those events are captured as usual.
 *
 * <p>Not ordered: spliterators (streams over the map) and the parallel bulk operations' forked
 * tasks, which walk the table without naming the map.
 */
final class ConcurrentMapOrder {
  static final String MAP = "java.util.concurrent.ConcurrentHashMap";

  /** Views: the map is their {@code map} field. */
  static final List<String> VIEWS =
      List.of(
          MAP + "$CollectionView", MAP + "$KeySetView", MAP + "$ValuesView", MAP + "$EntrySetView");

  /** Iterators (and enumerations): the map is their {@code map} field. */
  static final List<String> ITERATORS =
      List.of(
          MAP + "$BaseIterator",
          MAP + "$KeyIterator",
          MAP + "$ValueIterator",
          MAP + "$EntryIterator");

  private ConcurrentMapOrder() {}

  static List<String> classes() {
    List<String> names = new java.util.ArrayList<>();
    names.add(MAP);
    names.addAll(VIEWS);
    names.addAll(ITERATORS);
    return names;
  }

  private static ElementMatcher.Junction<MethodDescription> publicOperations() {
    return isPublic().and(not(isStatic())).and(not(isConstructor())).and(not(isSynthetic()));
  }

  /**
   * The map's operations. Not the view factories (they only create or reuse a view object) and not
   * the methods every thread may call without touching the table.
   */
  static ElementMatcher<MethodDescription> mapOperations() {
    return publicOperations().and(not(namedOneOf("keySet", "values", "entrySet")));
  }

  /** A view's operations, but not its getters and not spliterator (see above). */
  static ElementMatcher<MethodDescription> viewOperations() {
    return publicOperations().and(not(namedOneOf("getMap", "getMappedValue", "spliterator")));
  }

  /** An iterator's steps: hasNext only reads the iterator's own state. */
  static ElementMatcher<MethodDescription> iteratorSteps() {
    return publicOperations().and(namedOneOf("next", "nextElement", "remove"));
  }
}
