package io.ftjvm.testapps.concurrent;

import io.ftjvm.testapps.common.Args;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free counting with ConcurrentHashMap and AtomicLong (CAS loops): 6 threads each perform M
 * operations on 8 shared keys (computeIfAbsent + incrementAndGet, and merge) and draw tickets from
 * a global AtomicLong; every 8th operation they also race for one of 64 slots with putIfAbsent, and
 * thread 0 sums the merged counts through the map's iterator half-way. Every 4th operation also
 * bumps a slot of an AtomicIntegerArray, a LongAdder, a field through an AtomicLongFieldUpdater and
 * one through a VarHandle (a compare-and-set loop). A watcher thread polls a volatile field, one
 * poll a millisecond, until thread 0 has passed half-way. Every 16th operation a thread adds itself
 * to a CopyOnWriteArrayList of listeners and counts the listeners a notification would reach, and
 * claims a number in a CopyOnWriteArraySet, and puts a bid in a ConcurrentSkipListMap order book,
 * polling its lowest bid every 32nd operation and counting the bids below its own (a headMap). The
 * final counts are interleaving-independent; the tickets each thread drew, the counter values it
 * observed (from the atomic, from merge, from the array and the updater), the slots it won, the
 * listeners it counted, the numbers it claimed, the listeners' order and the half-way sums are not.
 *
 * <pre>
 * thread &lt;t&gt; first-tickets=&lt;5 comma-separated tickets&gt; last-ticket=&lt;x&gt; observed-k0=&lt;value of k0 after its last k0 increment&gt; merged-k0=&lt;what its last merge on k0 returned&gt; slots-won=&lt;n&gt; array-0=&lt;last value it read from slot 0&gt; updated=&lt;last value the updater returned&gt; handle=&lt;last value its compare-and-set loop wrote&gt; listeners-seen=&lt;listeners its last count reached&gt; claims=&lt;numbers it claimed first&gt; own-polls=&lt;its own bids it polled&gt; below=&lt;bids below its last&gt;   (6 lines, t = 0..5)
 * listeners=&lt;n&gt; first=&lt;the first 8, in the order they were added&gt; claimed=&lt;n&gt;
 * book size=&lt;n&gt; first=&lt;lowest bid&gt; then=&lt;the next bids, key:thread, through a tailMap's keys&gt;
 * half-way merged sum=&lt;n&gt; adder=&lt;n&gt;
 * watcher polls=&lt;polls until it saw half-way&gt;
 * array=&lt;8 final slot counts&gt; adder=&lt;n&gt; updated=&lt;n&gt; handle=&lt;n&gt;
 * key k&lt;j&gt; atomic=&lt;n&gt; merged=&lt;n&gt;     (8 lines, j = 0..7)
 * slot owners=&lt;64 digits: the thread that won each slot&gt;
 * total=&lt;sum over keys&gt; expected=&lt;6*M&gt; tickets=&lt;tickets drawn&gt;
 * </pre>
 *
 * Exit 1 if a count is wrong.
 */
public final class AtomicCounters {
  private static final String USAGE =
      "usage: AtomicCounters [operationsPerThread]   (default 20000, 5..1000000)";
  private static final int THREADS = 6;
  private static final int KEYS = 8;

  /** Set by thread 0 half-way; polled by the watcher. */
  private static volatile boolean halfWay;

  /** Fields bumped through an AtomicLongFieldUpdater and through a VarHandle. */
  private static final class Bumped {
    volatile long value;
    volatile int handled;
  }

  private static final VarHandle HANDLED;

  static {
    try {
      HANDLED = MethodHandles.lookup().findVarHandle(Bumped.class, "handled", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final AtomicLongFieldUpdater<Bumped> BUMP =
      AtomicLongFieldUpdater.newUpdater(Bumped.class, "value");

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int ops = args.intPositional(0, "operationsPerThread", 20_000, 5, 1_000_000);

    ConcurrentHashMap<String, AtomicLong> atomic = new ConcurrentHashMap<>();
    ConcurrentHashMap<String, Long> merged = new ConcurrentHashMap<>();
    ConcurrentHashMap<Integer, Integer> slots = new ConcurrentHashMap<>();
    long[] halfWaySum = new long[2];
    AtomicIntegerArray hits = new AtomicIntegerArray(8);
    LongAdder adder = new LongAdder();
    Bumped bumped = new Bumped();
    AtomicLong tickets = new AtomicLong();
    CopyOnWriteArrayList<String> listeners = new CopyOnWriteArrayList<>();
    CopyOnWriteArraySet<Integer> claimed = new CopyOnWriteArraySet<>();
    ConcurrentSkipListMap<Integer, Integer> book = new ConcurrentSkipListMap<>();
    String[] report = new String[THREADS];
    CountDownLatch start = new CountDownLatch(1);

    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                awaitQuietly(start);
                StringJoiner first = new StringJoiner(",");
                long ticket = -1;
                long observed = -1;
                long mergedK0 = -1;
                int won = 0;
                int array0 = -1;
                long updated = -1;
                int handled = -1;
                int listenersSeen = -1;
                int claims = 0;
                int ownPolls = 0;
                int below = -1;
                for (int n = 0; n < ops; n++) {
                  String key = "k" + (n * (id + 1)) % KEYS; // deterministic key sequence per thread
                  long value = atomic.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                  if (key.equals("k0")) {
                    observed = value;
                  }
                  long mergedNow = merged.merge(key, 1L, Long::sum);
                  if (key.equals("k0")) {
                    mergedK0 = mergedNow;
                  }
                  if (n % 8 == 0 && slots.putIfAbsent((n / 8 + id) % 64, id) == null) {
                    won++;
                  }
                  if (n % 4 == 0) {
                    int slot = (n / 4 + id) % 8;
                    int seen = hits.getAndIncrement(slot);
                    if (slot == 0) {
                      array0 = seen;
                    }
                    adder.increment();
                    updated = BUMP.incrementAndGet(bumped);
                    int current;
                    do {
                      current = (int) HANDLED.getVolatile(bumped);
                    } while (!HANDLED.weakCompareAndSet(bumped, current, current + 1));
                    handled = current + 1;
                  }
                  if (n % 16 == 0) {
                    listeners.add(id + ":" + n);
                    listenersSeen = 0;
                    for (String ignored : listeners) {
                      listenersSeen++; // what a notification would reach now
                    }
                    if (claimed.add(n / 16 % 40)) {
                      claims++;
                    }
                    book.put(n * THREADS + id, id); // an order book: bids by time, then thread
                    if (n % 32 == 0) {
                      Map.Entry<Integer, Integer> lowest = book.pollFirstEntry();
                      if (lowest != null && lowest.getValue() == id) {
                        ownPolls++;
                      }
                    }
                    below = book.headMap(n * THREADS).size();
                  }
                  if (id == 0 && n == ops / 2) {
                    long sum = 0;
                    for (long count : merged.values()) {
                      sum += count;
                    }
                    halfWaySum[0] = sum;
                    halfWaySum[1] = adder.sum();
                    halfWay = true;
                  }
                  ticket = tickets.getAndIncrement();
                  if (n < 5) {
                    first.add(String.valueOf(ticket));
                  }
                }
                report[id] =
                    "thread "
                        + id
                        + " first-tickets="
                        + first
                        + " last-ticket="
                        + ticket
                        + " observed-k0="
                        + observed
                        + " merged-k0="
                        + mergedK0
                        + " slots-won="
                        + won
                        + " array-0="
                        + array0
                        + " updated="
                        + updated
                        + " handle="
                        + handled
                        + " listeners-seen="
                        + listenersSeen
                        + " claims="
                        + claims
                        + " own-polls="
                        + ownPolls
                        + " below="
                        + below;
              },
              "counter-" + t);
      threads[t].start();
    }
    long[] polls = new long[1];
    Thread watcher =
        new Thread(
            () -> {
              while (!halfWay) {
                polls[0]++;
                sleepQuietly();
              }
            },
            "watcher");
    watcher.start();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }

    for (String line : report) {
      System.out.println(line);
    }
    watcher.join();
    System.out.println(
        "listeners="
            + listeners.size()
            + " first="
            + listeners.subList(0, Math.min(8, listeners.size()))
            + " claimed="
            + claimed.size());
    StringJoiner lowest = new StringJoiner(",");
    for (int key : book.tailMap(book.firstKey() + 1).keySet()) {
      if (lowest.length() > 40) {
        break;
      }
      lowest.add(key + ":" + book.get(key));
    }
    System.out.println(
        "book size=" + book.size() + " first=" + book.firstKey() + " then=" + lowest);
    System.out.println("half-way merged sum=" + halfWaySum[0] + " adder=" + halfWaySum[1]);
    System.out.println("watcher polls=" + polls[0]);
    System.out.println(
        "array="
            + hits
            + " adder="
            + adder.sum()
            + " updated="
            + bumped.value
            + " handle="
            + bumped.handled);
    long total = 0;
    boolean consistent = true;
    for (String key :
        new TreeMap<>(atomic).keySet()) { // sorted: output order must not depend on hashing
      long a = atomic.get(key).get();
      long m = merged.get(key);
      consistent &= a == m;
      total += a;
      System.out.println("key " + key + " atomic=" + a + " merged=" + m);
    }
    StringBuilder owners = new StringBuilder();
    for (int slot = 0; slot < 64; slot++) {
      Integer owner = slots.get(slot);
      owners.append(owner == null ? "-" : owner.toString());
    }
    System.out.println("slot owners=" + owners);
    long expected = (long) THREADS * ops;
    System.out.println("total=" + total + " expected=" + expected + " tickets=" + tickets.get());
    consistent &= bumped.handled == bumped.value;
    System.exit(consistent && total == expected && tickets.get() == expected ? 0 : 1);
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
