package io.ftjvm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The criu binary for the raw dumps the checkpoint benchmark compares against, found in the order
 * the agent's CriuLocator uses: {@code -Dftjvm.criu}, then what {@code
 * checkpoint-criu/provision/provision-criu.sh} left in {@code <repo>/.ftjvm/criu}, then {@code
 * criu} on the PATH. (The benchmarks do not link against ftjvm, so this is not CriuLocator itself;
 * the agent checks the version, and the raw dump fails loudly if this one does not work.)
 */
final class CriuBinary {
  private CriuBinary() {}

  static String find(Path root) throws IOException {
    String configured = System.getProperty("ftjvm.criu");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    Path dir = root.resolve(".ftjvm/criu");
    Path props = dir.resolve("criu.properties");
    if (Files.isRegularFile(props)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(props)) {
        p.load(in);
      }
      String binary = p.getProperty("binary");
      if (binary != null && !binary.isBlank()) {
        return binary.trim();
      }
    }
    Path provisioned = dir.resolve("bin/criu");
    if (Files.isExecutable(provisioned)) {
      return provisioned.toString();
    }
    return "criu";
  }
}
