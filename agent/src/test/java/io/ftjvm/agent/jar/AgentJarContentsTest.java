package io.ftjvm.agent.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The agent lives inside other people's applications: everything it bundles must sit under its own
 * prefix, so it can never clash with the application's copy of the same library. The one exception
 * is JNA, which cannot be relocated and is isolated by the agent's class loader instead.
 */
class AgentJarContentsTest {
  static final Path JAR = Path.of("target/ftjvm-agent.jar");

  @Test
  void outerJarHoldsOnlyTheEntryTheHooksAndTheImplementation() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "build the agent first: " + JAR.toAbsolutePath());
    List<String> stray = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream().map(ZipEntry::getName).filter(n -> !allowedOuter(n)).forEach(stray::add);
      assertEquals(
          "io.ftjvm.agent.entry.FtjvmAgent",
          jar.getManifest().getMainAttributes().getValue("Premain-Class"));
      assertEquals(
          "true", jar.getManifest().getMainAttributes().getValue("Can-Retransform-Classes"));
      assertNotNull(jar.getEntry("io/ftjvm/bootstrap/Hooks.class"));
      assertNotNull(jar.getEntry("io/ftjvm/agent/impl.jar"));
    }
    assertEquals(List.of(), stray, "entries outside io/ftjvm and META-INF");
  }

  @Test
  void implementationJarRelocatesEveryBundledLibraryUnderOnePrefix() throws Exception {
    List<String> stray = new ArrayList<>();
    int bytebuddy = 0;
    int jna = 0;
    try (JarFile jar = new JarFile(JAR.toFile());
        InputStream in = jar.getInputStream(jar.getEntry("io/ftjvm/agent/impl.jar"));
        ZipInputStream impl = new ZipInputStream(in)) {
      for (ZipEntry e; (e = impl.getNextEntry()) != null; ) {
        String name = e.getName();
        if (name.startsWith("io/ftjvm/shaded/net/bytebuddy/")) {
          bytebuddy++;
        }
        if (name.startsWith("com/sun/jna/")) {
          jna++;
          continue; // the one exception, on purpose: see below
        }
        boolean allowed =
            name.startsWith("META-INF/")
                || "com/sun/jna/".startsWith(name)
                || "io/ftjvm/".startsWith(name) // the directory entries leading to the prefix
                || (name.startsWith("io/ftjvm/")
                    && !name.startsWith("io/ftjvm/bootstrap/")
                    && !name.startsWith("io/ftjvm/agent/entry/"));
        if (!allowed) {
          stray.add(name);
        }
      }
    }
    assertEquals(
        List.of(), stray, "implementation entries outside io/ftjvm (or duplicated hooks/entry)");
    assertTrue(bytebuddy > 100, "Byte Buddy is bundled relocated under io/ftjvm/shaded");
    // JNA stays unrelocated (its native library finds its classes by their names); it is loaded
    // only by the agent's private class loader, so an application's own JNA never sees it.
    assertTrue(jna > 50, "JNA (for libcriu) is bundled in the implementation jar");
  }

  private static boolean allowedOuter(String name) {
    return name.equals("META-INF/")
        || name.equals("META-INF/MANIFEST.MF")
        || name.equals("io/")
        || name.equals("io/ftjvm/")
        || name.equals("io/ftjvm/agent/")
        || name.equals("io/ftjvm/agent/impl.jar")
        || name.startsWith("io/ftjvm/agent/entry/")
        || name.startsWith("io/ftjvm/bootstrap/");
  }
}
