package io.ftjvm.bootstrap;

/**
 * The identity hash each object was given by capture (its recorded value in replay), kept beside
 * the object for its whole life without keeping it alive.
 */
final class IdentityHashes {
  private static final WeakIdentityTable<Integer> TABLE = new WeakIdentityTable<>();

  private IdentityHashes() {}

  static Integer get(Object o) {
    return TABLE.get(o);
  }

  /** Stores the value unless another thread stored one first; returns the value in force. */
  static int putIfAbsent(Object o, int value) {
    return TABLE.putIfAbsent(o, value);
  }
}
