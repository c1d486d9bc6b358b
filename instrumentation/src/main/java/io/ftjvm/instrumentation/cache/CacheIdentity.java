package io.ftjvm.instrumentation.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Everything besides a class's own bytes that what the capture makes of it depends on: the agent's
 * build (every entry of its jar, by name, size and CRC-32, so a rebuilt agent never reuses what an
 * older one made), the JDK (where it is and its exact build), and the capture settings (which
 * modules, with which options, and the excluded classes).
 */
public final class CacheIdentity {
  private final String text;

  CacheIdentity(String text) {
    this.text = text;
  }

  /**
   * @param agentJar the agent jar this JVM runs
   * @param capture the capture modules and every setting that changes what they instrument
   */
  public static CacheIdentity of(Path agentJar, String capture) throws IOException {
    return new CacheIdentity(
        "agent "
            + agentFingerprint(agentJar)
            + "\njava "
            + System.getProperty("java.home")
            + " "
            + System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.runtime.version")
            + " "
            + System.getProperty("java.vm.version")
            + "\ncapture "
            + capture);
  }

  /** The identity as written at the head of the cache file. */
  String text() {
    return text;
  }

  /** The cache file's name: a digest of the identity. */
  String fileName() {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)), 0, 12)
        + CacheFile.SUFFIX;
  }

  /** A digest of the jar's entries as its central directory lists them (nothing is inflated). */
  private static String agentFingerprint(Path agentJar) throws IOException {
    StringBuilder entries = new StringBuilder();
    try (JarFile jar = new JarFile(agentJar.toFile(), false)) {
      for (ZipEntry entry : Collections.list(jar.entries())) {
        entries
            .append(entry.getName())
            .append(' ')
            .append(entry.getSize())
            .append(' ')
            .append(Long.toHexString(entry.getCrc()))
            .append('\n');
      }
    }
    return HexFormat.of()
        .formatHex(sha256(entries.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
