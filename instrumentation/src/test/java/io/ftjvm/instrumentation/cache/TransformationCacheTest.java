package io.ftjvm.instrumentation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformationCacheTest {
  private static final CacheIdentity IDENTITY = new CacheIdentity("agent a\njava j\ncapture c");
  private static final byte[] THREAD = {1, 2, 3, 4};
  private static final byte[] THREAD_INSTRUMENTED = {1, 2, 3, 4, 5, 6};
  private static final byte[] UNTOUCHED = {9, 9};

  @TempDir Path dir;

  @Test
  void aClassTransformedInOneStartIsServedFromTheCacheInTheNext() throws Exception {
    TransformationCache first = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer capture = new RecordingTransformer();
    CachingTransformer caching = new CachingTransformer(capture, first);
    assertArrayEquals(
        THREAD_INSTRUMENTED, caching.transform(null, "java/lang/Thread", null, null, THREAD));
    assertNull(caching.transform(null, "java/lang/Untouched", null, null, UNTOUCHED));
    assertEquals(List.of("java/lang/Thread", "java/lang/Untouched"), capture.seen);
    assertTrue(first.saveIfChanged().contains("0 JDK classes reused, 2 transformed; saved"));

    TransformationCache second = TransformationCache.open(dir, IDENTITY);
    assertNull(second.damage());
    RecordingTransformer notCalled = new RecordingTransformer();
    CachingTransformer warm = new CachingTransformer(notCalled, second);
    assertArrayEquals(
        THREAD_INSTRUMENTED, warm.transform(null, "java/lang/Thread", null, null, THREAD));
    assertNull(warm.transform(null, "java/lang/Untouched", null, null, UNTOUCHED));
    assertEquals(List.of(), notCalled.seen);
    assertEquals(2, second.reused());
    // Nothing new: the file is left as it is.
    assertTrue(second.saveIfChanged().endsWith("2 JDK classes reused, 0 transformed"));
  }

  @Test
  void aClassSeenInAnotherFormIsKeptInBothAndEachIsServed() throws Exception {
    savedCache();
    TransformationCache second = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer capture = new RecordingTransformer();
    // The same class as another way of starting the JVM gives it (from the shared archive or not).
    byte[] otherForm = {4, 3, 2, 1};
    new CachingTransformer(capture, second)
        .transform(null, "java/lang/Thread", null, null, otherForm);
    assertEquals(List.of("java/lang/Thread"), capture.seen, "a new form: transformed");
    assertTrue(second.saveIfChanged().endsWith("0 JDK classes reused, 1 transformed; updated"));

    TransformationCache third = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer notCalled = new RecordingTransformer();
    CachingTransformer caching = new CachingTransformer(notCalled, third);
    assertArrayEquals(
        THREAD_INSTRUMENTED, caching.transform(null, "java/lang/Thread", null, null, THREAD));
    // What the capture made of that form (this test's capture leaves it as it was).
    assertNull(caching.transform(null, "java/lang/Thread", null, null, otherForm));
    assertEquals(List.of(), notCalled.seen);
    assertTrue(third.saveIfChanged().endsWith("2 JDK classes reused, 0 transformed"));
  }

  @Test
  void aClassWhoseBytesVaryMoreThanAFewWaysIsTransformedEachTimeWithoutRewritingTheFile()
      throws Exception {
    savedCache();
    for (int form = 1; form <= TransformationCache.FORMS; form++) {
      TransformationCache next = TransformationCache.open(dir, IDENTITY);
      new CachingTransformer(new RecordingTransformer(), next)
          .transform(null, "java/lang/Thread", null, null, new byte[] {7, (byte) form});
      String saved = next.saveIfChanged();
      assertTrue(
          saved.contains(form < TransformationCache.FORMS ? "; updated" : "(1 whose bytes vary"),
          saved);
    }

    TransformationCache last = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer again = new RecordingTransformer();
    CachingTransformer caching = new CachingTransformer(again, last);
    // Even the first bytes: a class known to vary is never served.
    assertArrayEquals(
        THREAD_INSTRUMENTED, caching.transform(null, "java/lang/Thread", null, null, THREAD));
    caching.transform(null, "java/lang/Thread", null, null, new byte[] {7, 1});
    assertEquals(List.of("java/lang/Thread", "java/lang/Thread"), again.seen);
    assertTrue(!last.saveIfChanged().contains("updated"), "nothing new to write");
  }

  @Test
  void classesLoadedAfterSavingAreNotRemembered() throws Exception {
    TransformationCache cache = TransformationCache.open(dir, IDENTITY);
    CachingTransformer caching = new CachingTransformer(new RecordingTransformer(), cache);
    caching.transform(null, "java/lang/Thread", null, null, THREAD);
    cache.saveIfChanged();
    RecordingTransformer capture = new RecordingTransformer();
    CachingTransformer later = new CachingTransformer(capture, cache);
    assertNull(later.transform(null, "java/lang/Untouched", null, null, UNTOUCHED));
    assertEquals(List.of("java/lang/Untouched"), capture.seen, "still transformed");
    assertEquals(1, cache.transformed(), "but not kept: it would never be written");
    // What was saved is still served.
    assertArrayEquals(
        THREAD_INSTRUMENTED, later.transform(null, "java/lang/Thread", null, null, THREAD));
  }

  @Test
  void applicationClassesAreNeverCached() throws Exception {
    TransformationCache cache = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer capture = new RecordingTransformer();
    CachingTransformer caching = new CachingTransformer(capture, cache);
    ClassLoader app = getClass().getClassLoader();
    caching.transform(app, "com/example/Main", null, null, THREAD);
    caching.transform(app, "com/example/Main", null, null, THREAD);
    assertEquals(List.of("com/example/Main", "com/example/Main"), capture.seen);
    assertEquals(0, cache.transformed());
  }

  @Test
  void aClassWhoseTransformationFailedIsNotRemembered() throws Exception {
    TransformationCache cache = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer capture = new RecordingTransformer();
    CachingTransformer caching = new CachingTransformer(capture, cache);
    // Byte Buddy reports the error (with the dotted name) before it returns null.
    capture.onTransform = () -> caching.failed("java.lang.Thread");
    caching.transform(null, "java/lang/Thread", null, null, THREAD);
    assertEquals(0, cache.transformed());
    cache.saveIfChanged();
    RecordingTransformer next = new RecordingTransformer();
    new CachingTransformer(next, TransformationCache.open(dir, IDENTITY))
        .transform(null, "java/lang/Thread", null, null, THREAD);
    assertEquals(
        List.of("java/lang/Thread"), next.seen, "the failure must happen (and be logged) again");
  }

  @Test
  void aClassLoadedDuringAnotherTransformationIsNotRemembered() throws Exception {
    TransformationCache cache = TransformationCache.open(dir, IDENTITY);
    RecordingTransformer capture = new RecordingTransformer();
    CachingTransformer caching = new CachingTransformer(capture, cache);
    // An application class's transformation loads a JDK class, which Byte Buddy's circularity
    // lock leaves alone (null) to retransform it later, from the same bytes.
    capture.onTransform =
        () -> {
          capture.onTransform = () -> {};
          try {
            caching.transform(null, "java/lang/Thread", null, null, THREAD.clone());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    caching.transform(getClass().getClassLoader(), "com/example/Main", null, null, UNTOUCHED);
    assertEquals(List.of("com/example/Main", "java/lang/Thread"), capture.seen);
    assertEquals(0, cache.transformed());
    // The retransformation that follows is the capture's to do, and is remembered.
    assertArrayEquals(
        THREAD_INSTRUMENTED, caching.transform(null, "java/lang/Thread", null, null, THREAD));
    assertEquals(1, cache.transformed());
  }

  @Test
  void aDamagedFileIsRefusedNamingItAndReplacedBySaving() throws Exception {
    Path file = savedCache();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);

    TransformationCache cache = TransformationCache.open(dir, IDENTITY);
    assertNotNull(cache.damage());
    assertTrue(cache.damage().startsWith(file.toString()), cache.damage());
    assertTrue(cache.damage().contains("checksum"), cache.damage());
    RecordingTransformer capture = new RecordingTransformer();
    new CachingTransformer(capture, cache).transform(null, "java/lang/Thread", null, null, THREAD);
    assertEquals(List.of("java/lang/Thread"), capture.seen, "nothing of a damaged file is used");
    assertTrue(cache.saveIfChanged().endsWith("saved for the next start"));
    assertNull(TransformationCache.open(dir, IDENTITY).damage(), "rewritten whole");
  }

  @Test
  void aTruncatedFileIsRefused() throws Exception {
    Path file = savedCache();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    String damage = TransformationCache.open(dir, IDENTITY).damage();
    assertTrue(damage.contains("damaged or truncated"), damage);
    Files.write(file, java.util.Arrays.copyOf(bytes, 5));
    damage = TransformationCache.open(dir, IDENTITY).damage();
    assertTrue(damage.contains("not a transformation cache"), damage);
  }

  @Test
  void aFileWrittenForAnotherIdentityIsRefused() throws Exception {
    Path file = savedCache();
    CacheIdentity other = new CacheIdentity("agent b\njava j\ncapture c");
    Files.copy(file, dir.resolve(other.fileName()));
    String damage = TransformationCache.open(dir, other).damage();
    assertTrue(damage.contains("written for another agent, JDK or capture settings"), damage);
  }

  @Test
  void theIdentityNamesTheFileSoAgentsJdksAndSettingsNeverShareOne() {
    assertTrue(IDENTITY.fileName().endsWith(".ftc"));
    assertTrue(
        !IDENTITY.fileName().equals(new CacheIdentity("agent a\njava j\ncapture d").fileName()));
  }

  @Test
  void savingKeepsTheNewestFilesOnly() throws Exception {
    for (int i = 0; i < 12; i++) {
      Path old = dir.resolve("old-" + i + CacheFile.SUFFIX);
      Files.write(old, new byte[] {1});
      Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Path current = savedCache();
    List<Path> left;
    try (Stream<Path> files = Files.list(dir)) {
      left = files.toList();
    }
    assertEquals(CacheFile.KEPT_FILES, left.size(), left.toString());
    assertTrue(left.contains(current));
    assertTrue(left.contains(dir.resolve("old-11" + CacheFile.SUFFIX)));
    assertTrue(!left.contains(dir.resolve("old-0" + CacheFile.SUFFIX)));
  }

  @Test
  void theAgentJarFingerprintFollowsItsEntries(@TempDir Path jars) throws Exception {
    Path a = jar(jars.resolve("a.jar"), "x");
    Path b = jar(jars.resolve("b.jar"), "y");
    Path c = jar(jars.resolve("c.jar"), "x");
    String ia = CacheIdentity.of(a, "c").text();
    assertEquals(ia, CacheIdentity.of(c, "c").text(), "the same entries, another file");
    assertTrue(!ia.equals(CacheIdentity.of(b, "c").text()));
    assertTrue(!ia.equals(CacheIdentity.of(a, "d").text()));
    assertTrue(ia.contains(System.getProperty("java.runtime.version")), ia);
  }

  private Path savedCache() throws Exception {
    TransformationCache cache = TransformationCache.open(dir, IDENTITY);
    new CachingTransformer(new RecordingTransformer(), cache)
        .transform(null, "java/lang/Thread", null, null, THREAD);
    cache.saveIfChanged();
    return dir.resolve(IDENTITY.fileName());
  }

  private static Path jar(Path file, String content) throws Exception {
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new java.util.jar.JarEntry("io/ftjvm/bootstrap/Hooks.class"));
      out.write(content.getBytes());
      out.closeEntry();
    }
    return file;
  }

  /** Stands for the capture's transformer: instruments java/lang/Thread and nothing else. */
  private static final class RecordingTransformer
      extends ResettableClassFileTransformer.AbstractBase {
    final List<String> seen = new ArrayList<>();
    Runnable onTransform = () -> {};

    @Override
    public byte[] transform(
        ClassLoader loader,
        String name,
        Class<?> redefined,
        ProtectionDomain domain,
        byte[] bytes) {
      seen.add(name);
      onTransform.run();
      return name.equals("java/lang/Thread") && bytes == THREAD ? THREAD_INSTRUMENTED : null;
    }

    @Override
    public Iterator<AgentBuilder.Transformer> iterator(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        Class<?> redefined,
        ProtectionDomain domain) {
      return Collections.emptyIterator();
    }

    @Override
    public boolean reset(
        Instrumentation inst,
        ResettableClassFileTransformer transformer,
        AgentBuilder.RedefinitionStrategy strategy,
        AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery,
        AgentBuilder.RedefinitionStrategy.BatchAllocator batches,
        AgentBuilder.RedefinitionStrategy.Listener listener) {
      return false;
    }
  }
}
