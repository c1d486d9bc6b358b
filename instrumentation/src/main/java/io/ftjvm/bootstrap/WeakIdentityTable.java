package io.ftjvm.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.Function;

/**
 * Values kept beside objects without keeping the objects alive: the identity hash an object was
 * given, the replay state of an object used as a lock. Keyed by the real identity hash, compared by
 * reference (never by equals, which may be the application's own code). Striped locks keep
 * concurrent threads from serialising on one monitor.
 */
public final class WeakIdentityTable<V> {
  private static final int STRIPES = 64;
  private static final int PEEK_STEPS = 16;

  @SuppressWarnings("unchecked")
  private final Stripe<V>[] stripes = new Stripe[STRIPES];

  public WeakIdentityTable() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>();
    }
  }

  public V get(Object key) {
    int real = System.identityHashCode(key);
    return stripes[real & (STRIPES - 1)].get(key, real);
  }

  /** Stores the value unless one is there already; returns the value in force. */
  public V putIfAbsent(Object key, V value) {
    int real = System.identityHashCode(key);
    return stripes[real & (STRIPES - 1)].putIfAbsent(key, real, value);
  }

  /** Stores the value, replacing any the key had. */
  public void put(Object key, V value) {
    int real = System.identityHashCode(key);
    stripes[real & (STRIPES - 1)].put(key, real, value);
  }

  /** Removes the key's value and answers it (null if it had none). */
  public V remove(Object key) {
    int real = System.identityHashCode(key);
    return stripes[real & (STRIPES - 1)].remove(key, real);
  }

  /**
   * The value for the key, created (once) by the function when absent. Looked up first without the
   * stripe's lock (the hot path: an object asked about at every operation): that look may miss an
   * entry another thread is moving, never find a wrong one, and a miss is settled under the lock.
   */
  public V computeIfAbsent(Object key, Function<Object, V> create) {
    int real = System.identityHashCode(key);
    Stripe<V> stripe = stripes[real & (STRIPES - 1)];
    V known = stripe.peek(key, real);
    if (known == null) {
      known = stripe.get(key, real);
    }
    return known != null ? known : stripe.putIfAbsent(key, real, create.apply(key));
  }

  private static final class Entry<V> extends WeakReference<Object> {
    final int real;
    final V value;
    Entry<V> next;

    Entry(Object referent, int real, V value, Entry<V> next, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.real = real;
      this.value = value;
      this.next = next;
    }
  }

  private static final class Stripe<V> {
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    @SuppressWarnings("unchecked")
    private Entry<V>[] buckets = new Entry[64];

    private int size;

    /**
     * As {@link #get}, unlocked: may answer null for a key that has a value (see above). A chain
     * being rebuilt by {@link #grow} can look circular to a reader without the lock, so the walk
     * gives up after a few steps (chains are short) and leaves it to the locked look.
     */
    V peek(Object key, int real) {
      Entry<V>[] table = buckets;
      int steps = 0;
      for (Entry<V> e = table[index(real, table.length)];
          e != null && steps < PEEK_STEPS;
          e = e.next, steps++) {
        if (e.real == real && e.get() == key) {
          return e.value;
        }
      }
      return null;
    }

    synchronized V get(Object key, int real) {
      for (Entry<V> e = buckets[index(real, buckets.length)]; e != null; e = e.next) {
        if (e.real == real && e.get() == key) {
          return e.value;
        }
      }
      return null;
    }

    synchronized V putIfAbsent(Object key, int real, V value) {
      expungeCleared();
      int i = index(real, buckets.length);
      for (Entry<V> e = buckets[i]; e != null; e = e.next) {
        if (e.real == real && e.get() == key) {
          return e.value;
        }
      }
      insert(i, key, real, value);
      return value;
    }

    synchronized void put(Object key, int real, V value) {
      remove(key, real);
      insert(index(real, buckets.length), key, real, value);
    }

    synchronized V remove(Object key, int real) {
      expungeCleared();
      int i = index(real, buckets.length);
      for (Entry<V> e = buckets[i], prev = null; e != null; prev = e, e = e.next) {
        if (e.real == real && e.get() == key) {
          unlink(i, prev, e);
          return e.value;
        }
      }
      return null;
    }

    /** Adds an entry at the head of bucket {@code i}, growing the table past three quarters. */
    private void insert(int i, Object key, int real, V value) {
      buckets[i] = new Entry<>(key, real, value, buckets[i], cleared);
      if (++size > buckets.length * 3 / 4) {
        grow();
      }
    }

    /** Takes {@code entry}, which follows {@code prev} (null: first) in bucket {@code i}, out. */
    private void unlink(int i, Entry<V> prev, Entry<V> entry) {
      if (prev == null) {
        buckets[i] = entry.next;
      } else {
        prev.next = entry.next;
      }
      size--;
    }

    @SuppressWarnings("unchecked")
    private void expungeCleared() {
      for (Object ref; (ref = cleared.poll()) != null; ) {
        Entry<V> dead = (Entry<V>) ref;
        int i = index(dead.real, buckets.length);
        for (Entry<V> e = buckets[i], prev = null; e != null; prev = e, e = e.next) {
          if (e == dead) {
            unlink(i, prev, e);
            break;
          }
        }
      }
    }

    @SuppressWarnings("unchecked")
    private void grow() {
      Entry<V>[] bigger = new Entry[buckets.length * 2];
      for (Entry<V> head : buckets) {
        for (Entry<V> e = head; e != null; ) {
          Entry<V> next = e.next;
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
