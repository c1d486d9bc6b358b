package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: the repository root, and the real CRIU (or a skip when it was never provisioned).
 */
final class RealCriu {

  private RealCriu() {}

  /**
   * {@code -Dftjvm.repo.root} (set by the parent pom), else the nearest ancestor holding the
   * provision script.
   */
  static Path repoRoot() {
    String prop = System.getProperty("ftjvm.repo.root");
    if (prop != null && Files.isRegularFile(Path.of(prop).resolve(CriuLocator.PROVISION_SCRIPT))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(CriuLocator.PROVISION_SCRIPT))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (no "
            + CriuLocator.PROVISION_SCRIPT
            + " above "
            + Path.of("").toAbsolutePath()
            + ")");
  }

  /**
   * The CRIU to test with. The test is skipped (through an assumption, saying why) only when CRIU
   * was never provisioned and the system has no usable one; a provisioned or configured CRIU that
   * does not work fails the test.
   */
  static CriuInstallation require() throws CriuUnavailableException {
    Path repo = repoRoot();
    CriuLocator locator = CriuLocator.fromSystemProperties(repo);
    boolean configured = System.getProperty("ftjvm.criu") != null;
    try {
      return locator.locate();
    } catch (CriuUnavailableException e) {
      if (configured || locator.provisioned()) {
        throw e;
      }
      String why =
          "SKIPPED real CRIU test: CRIU was never provisioned ("
              + repo.resolve(CriuLocator.PROVISIONED_DIR)
              + " does not exist) and the system has no usable criu: "
              + e.getMessage()
              + "\nRun "
              + repo.resolve(CriuLocator.PROVISION_SCRIPT)
              + " to enable it.";
      System.out.println(why);
      assumeTrue(false, why);
      throw new AssertionError("unreachable");
    }
  }
}
