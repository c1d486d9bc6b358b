package io.ftjvm.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The identity hash each object was given by capture (its recorded value in replay), kept beside
 * the object without keeping it alive. Keyed by the real identity hash, compared by reference.
 * Striped locks keep concurrent threads from serialising on one monitor.
 */
final class IdentityHashes {
  private static final int STRIPES = 64;
  private static final Stripe[] TABLE = new Stripe[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      TABLE[i] = new Stripe();
    }
  }

  private IdentityHashes() {}

  static Integer get(Object o) {
    int real = System.identityHashCode(o);
    return TABLE[real & (STRIPES - 1)].get(o, real);
  }

  /** Stores the value unless another thread stored one first; returns the value in force. */
  static int putIfAbsent(Object o, int value) {
    int real = System.identityHashCode(o);
    return TABLE[real & (STRIPES - 1)].putIfAbsent(o, real, value);
  }

  private static final class Entry extends WeakReference<Object> {
    final int real;
    final int value;
    Entry next;

    Entry(Object referent, int real, int value, Entry next, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.real = real;
      this.value = value;
      this.next = next;
    }
  }

  private static final class Stripe {
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private Entry[] buckets = new Entry[64];
    private int size;

    synchronized Integer get(Object o, int real) {
      for (Entry e = buckets[index(real, buckets.length)]; e != null; e = e.next) {
        if (e.real == real && e.get() == o) {
          return e.value;
        }
      }
      return null;
    }

    synchronized int putIfAbsent(Object o, int real, int value) {
      expungeCleared();
      int i = index(real, buckets.length);
      for (Entry e = buckets[i]; e != null; e = e.next) {
        if (e.real == real && e.get() == o) {
          return e.value;
        }
      }
      buckets[i] = new Entry(o, real, value, buckets[i], cleared);
      if (++size > buckets.length * 3 / 4) {
        grow();
      }
      return value;
    }

    private void expungeCleared() {
      for (Object ref; (ref = cleared.poll()) != null; ) {
        Entry dead = (Entry) ref;
        int i = index(dead.real, buckets.length);
        Entry prev = null;
        for (Entry e = buckets[i]; e != null; prev = e, e = e.next) {
          if (e == dead) {
            if (prev == null) {
              buckets[i] = e.next;
            } else {
              prev.next = e.next;
            }
            size--;
            break;
          }
        }
      }
    }

    private void grow() {
      Entry[] bigger = new Entry[buckets.length * 2];
      for (Entry head : buckets) {
        for (Entry e = head; e != null; ) {
          Entry next = e.next;
          int i = index(e.real, bigger.length);
          e.next = bigger[i];
          bigger[i] = e;
          e = next;
        }
      }
      buckets = bigger;
    }

    private static int index(int real, int length) {
      return (real >>> 6) & (length - 1);
    }
  }
}
