package io.ftjvm.instrumentation.sync;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.instrumentation.Advices;
import java.util.Iterator;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * ConcurrentSkipListMap (and so ConcurrentSkipListSet, which is one inside) is lock-free: what a
 * get, a ceilingKey, a pollFirstEntry or an iterator sees depends on the order threads reach it. As
 * for ConcurrentHashMap, every public operation is one ordered call on the map: of the map itself,
 * of its submaps ({@code headMap}, {@code subMap}, {@code descendingMap}: their {@code m}), of its
 * key, value and entry views (their {@code m}, which may be a submap), and the steps of their
 * iterators (their outer instance). Not ordered: spliterators, and the creation of views and
 * submaps, which reads nothing.
 */
final class SkipListOrder {
  static final String MAP = "java.util.concurrent.ConcurrentSkipListMap";
  static final String SUBMAP = MAP + "$SubMap";
  static final List<String> VIEWS = List.of(MAP + "$KeySet", MAP + "$Values", MAP + "$EntrySet");

  /** Methods that make a view or submap, or read what never changes. */
  private static final String[] NOT_OPERATIONS = {
    "keySet",
    "navigableKeySet",
    "values",
    "entrySet",
    "descendingMap",
    "descendingKeySet",
    "subMap",
    "headMap",
    "tailMap",
    "subSet",
    "headSet",
    "tailSet",
    "descendingSet",
    "comparator",
    "spliterator"
  };

  private SkipListOrder() {}

  /** The map and its nested classes, two levels deep (a submap's iterators). */
  static List<String> classes() {
    return NestedClasses.of(MAP, 2, "its operations are not ordered");
  }

  private static ElementMatcher.Junction<MethodDescription> operations() {
    return isPublic()
        .and(not(isStatic()))
        .and(not(isConstructor()))
        .and(not(isSynthetic()))
        .and(not(isAbstract()))
        .and(not(namedOneOf(NOT_OPERATIONS)));
  }

  static AgentBuilder install(AgentBuilder builder) {
    return builder
        .type(named(MAP), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(OrderedCallAdvice.class).on(operations())))
        .type(named(SUBMAP), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(SkipListViewAdvice.class).on(operations()))
                    .visit(Advices.to(SubMapCreationAdvice.class).on(isConstructor())))
        .type(namedOneOf(VIEWS.toArray(new String[0])), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(SkipListViewAdvice.class).on(operations())))
        .type(nameStartsWith(MAP + "$").and(isSubTypeOf(Iterator.class)), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(SkipListIteratorAdvice.class)
                        .on(
                            namedOneOf("next", "remove")
                                .and(takesArguments(0))
                                .and(not(isAbstract())))));
  }
}
