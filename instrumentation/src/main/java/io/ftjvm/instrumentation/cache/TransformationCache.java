package io.ftjvm.instrumentation.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the capture made of each JDK class in an earlier start of the same agent on the same JDK
 * with the same capture settings, so a start can reuse it instead of transforming the class again
 * (transforming the ~130 JDK classes is half of the agent's start-up).
 *
 * <p>Only classes of the bootstrap loader are kept: their bytes and their whole type hierarchy
 * belong to the JDK, so with the agent, the JDK and the capture settings fixed (the {@link
 * CacheIdentity}), what the transformation makes of a class depends on its bytes alone, and each
 * entry keeps their length and CRC-32 to check it (a CRC-32 blind to the order of the methods,
 * which the JVM varies: {@link ClassBytesDigest}). Application classes can extend one another
 * across jars that change independently, and are always transformed afresh.
 */
public final class TransformationCache {
  /**
   * One class: the bytes it was given (length and CRC-32) and what was made of them, or that its
   * bytes vary from one start to the next.
   */
  record Entry(int inputLength, int inputCrc, byte[] output, boolean varies) {
    Entry(int inputLength, int inputCrc, byte[] output) {
      this(inputLength, inputCrc, output, false);
    }

    /** Whether the transformation left the class as it was (it then returns null). */
    boolean unchanged() {
      return output == null;
    }
  }

  private final Path file;
  private final String identity;

  /**
   * The forms a class came in, up to {@link #FORMS} of them. Reconstituted for retransformation, a
   * class's bytes depend on how the JVM loaded it (from the shared archive or not, with or without
   * class sharing, with JFR's instrumentation or not): a user who starts one program in two ways
   * gets both served. A class seen in more forms is one entry that says it varies.
   */
  private final Map<String, List<Entry>> entries;

  static final int FORMS = 4;
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final int loaded;
  private final String damage;
  private volatile boolean changed;
  private volatile boolean saved;
  private final AtomicInteger reused = new AtomicInteger();
  private final AtomicInteger transformed = new AtomicInteger();

  TransformationCache(Path file, String identity, Map<String, List<Entry>> entries, String damage) {
    this.file = file;
    this.identity = identity;
    this.entries = new ConcurrentHashMap<>(entries);
    this.loaded = entries.size();
    this.damage = damage;
    // A damaged file is rewritten even if every class it should have held is transformed again.
    this.changed = damage != null;
  }

  /**
   * The cache for this identity in {@code directory}: read from its file if there is one, empty if
   * not. A file that cannot be used (damaged, truncated, written for another identity) is set aside
   * with the reason in {@link #damage()} and replaced when the cache is saved.
   */
  public static TransformationCache open(Path directory, CacheIdentity identity) {
    Path file = directory.resolve(identity.fileName());
    try {
      return new TransformationCache(
          file, identity.text(), CacheFile.read(file, identity.text()), null);
    } catch (CacheFile.Damaged e) {
      return new TransformationCache(file, identity.text(), Map.of(), e.getMessage());
    }
  }

  /** What was made of {@code input} before, or null if this class is not known in this form. */
  Entry lookup(String className, byte[] input) {
    List<Entry> forms = entries.get(className);
    if (forms == null || forms.get(0).varies()) {
      return null;
    }
    Entry entry = form(forms, input.length, ClassBytesDigest.of(input));
    if (entry != null) {
      reused.incrementAndGet();
    }
    return entry;
  }

  private static Entry form(List<Entry> forms, int inputLength, int inputCrc) {
    for (Entry entry : forms) {
      if (entry.inputLength() == inputLength && entry.inputCrc() == inputCrc) {
        return entry;
      }
    }
    return null;
  }

  /**
   * Keeps what the transformation made of {@code input} (null: left unchanged), until the cache is
   * saved: a class loaded after that (as the application runs) would never be written, and
   * digesting it would only add to its loading.
   */
  void remember(String className, byte[] input, byte[] output) {
    if (saved || failed.contains(className)) {
      return;
    }
    transformed.incrementAndGet();
    int inputCrc = ClassBytesDigest.of(input);
    entries.compute(className, (name, before) -> withForm(before, input.length, inputCrc, output));
  }

  /** The forms of a class with one more, if it is new (and then the file must be written). */
  private List<Entry> withForm(List<Entry> before, int inputLength, int inputCrc, byte[] output) {
    if (before != null && (before.get(0).varies() || form(before, inputLength, inputCrc) != null)) {
      return before;
    }
    changed = true;
    if (before == null) {
      return List.of(new Entry(inputLength, inputCrc, output));
    }
    if (before.size() < FORMS) {
      List<Entry> forms = new ArrayList<>(before);
      forms.add(new Entry(inputLength, inputCrc, output));
      return List.copyOf(forms);
    }
    // Bytes that differ from start to start in more ways than a few ways of starting the JVM (the
    // digest already ignores the order of the methods): such a class is transformed on every
    // start, and marked so that the file is not rewritten for it each time.
    return List.of(new Entry(inputLength, inputCrc, null, true));
  }

  /**
   * Drops a class whose transformation failed (Byte Buddy reports it while transforming, before the
   * result is remembered): the failure must be logged again on every start, never turned into a
   * silently uninstrumented class.
   */
  void forget(String className) {
    failed.add(className);
    entries.remove(className);
  }

  /**
   * Writes the cache if this start added to it (atomically: a JVM starting at the same time reads
   * the old file or the new one) and returns a line for the agent's log. Called once, after the
   * installation; from then on the cache is only read.
   *
   * @throws java.io.IOException if it cannot be written (the agent logs it and goes on)
   */
  public String saveIfChanged() throws java.io.IOException {
    saved = true;
    String summary =
        "transformation cache "
            + file
            + ": "
            + reused.get()
            + " JDK classes reused, "
            + transformed.get()
            + " transformed"
            + (varying() == 0 ? "" : " (" + varying() + " whose bytes vary from start to start)");
    if (!changed) {
      return summary;
    }
    CacheFile.write(file, identity, Map.copyOf(entries));
    changed = false;
    return summary + (loaded == 0 ? "; saved for the next start" : "; updated");
  }

  private long varying() {
    return entries.values().stream().filter(forms -> forms.get(0).varies()).count();
  }

  /** Why the file on disk could not be used, or null. */
  public String damage() {
    return damage;
  }

  public int reused() {
    return reused.get();
  }

  public int transformed() {
    return transformed.get();
  }
}
