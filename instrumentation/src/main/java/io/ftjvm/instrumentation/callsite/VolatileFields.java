package io.ftjvm.instrumentation.callsite;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * Whether a field instruction touches a volatile field. The instruction names the field by the
 * class it was referenced through, so the field is looked up in that class and its superclasses,
 * from the class files (nothing is loaded). A class that cannot be found counts as having no
 * volatile fields: its accesses are left as they are.
 */
final class VolatileFields {
  private final TypePool pool;
  private final Map<String, Boolean> known = new HashMap<>();

  VolatileFields(TypePool pool) {
    this.pool = pool;
  }

  /**
   * Plain fields of JDK classes whose accesses are ordered as if they were volatile, because a race
   * on them decides what the application sees. {@code FutureTask.callable}: a cancelling thread
   * clears it while a worker that has just found the task still new reads it to run the task's
   * body; whether the body runs once more depends on which comes first.
   */
  private static final Set<String> RACED_PLAIN_FIELDS =
      Set.of("java/util/concurrent/FutureTask.callable");

  /**
   * JDK classes all of whose non-final instance fields are raced: a SubmissionPublisher
   * subscription's buffer indices, array and waiter are read by the producer and written by the
   * consumer (or the other way round) without a lock, by design.
   */
  private static final Set<String> RACED_PLAIN_CLASSES =
      Set.of("java/util/concurrent/SubmissionPublisher$BufferedSubscription");

  boolean isVolatile(String owner, String name) {
    return known.computeIfAbsent(
        owner + '.' + name,
        key ->
            RACED_PLAIN_FIELDS.contains(key)
                || lookUp(owner, name, RACED_PLAIN_CLASSES.contains(owner)));
  }

  /** {@code allRaced}: every non-final instance field of the class counts. */
  private boolean lookUp(String owner, String name, boolean allRaced) {
    try {
      TypePool.Resolution resolution = pool.describe(owner.replace('/', '.'));
      if (!resolution.isResolved()) {
        return false;
      }
      TypeDefinition type = resolution.resolve();
      while (type != null) {
        TypeDescription erased = type.asErasure();
        for (FieldDescription.InDefinedShape field : erased.getDeclaredFields()) {
          if (field.getName().equals(name)) {
            return field.isVolatile() || (allRaced && !field.isFinal() && !field.isStatic());
          }
        }
        type = erased.getSuperClass();
      }
      return false;
    } catch (RuntimeException | LinkageError e) {
      return false; // a class file that cannot be read: leave the access alone
    }
  }
}
