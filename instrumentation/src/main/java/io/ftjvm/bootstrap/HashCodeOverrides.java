package io.ftjvm.bootstrap;

/**
 * Whether a class has its own {@code hashCode()}: only objects whose hash is Object's identity hash
 * need capturing. Cached per class; the reflective look-up runs once per class.
 */
final class HashCodeOverrides {
  private static final ClassValue<Boolean> OVERRIDES =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          // Runs with the caller's guard raised (see Hooks.hashCode): the reflection below uses
          // hash maps whose call sites come back to the hooks.
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
              c.getDeclaredMethod("hashCode");
              // Enum.hashCode and the like delegate to the identity hash themselves; their own
              // call sites are rewritten, so calling them is right.
              return Boolean.TRUE;
            } catch (NoSuchMethodException notHere) {
              // keep looking up the hierarchy
            }
          }
          return Boolean.FALSE;
        }
      };

  private HashCodeOverrides() {}

  static boolean overrides(Class<?> type) {
    return OVERRIDES.get(type);
  }
}
