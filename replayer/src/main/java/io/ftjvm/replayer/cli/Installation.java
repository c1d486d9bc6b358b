package io.ftjvm.replayer.cli;

import io.ftjvm.checkpoint.CriuLocator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the ftjvm pieces are: the repository root, the agent jar, CRIU, the test apps (for the
 * demo).
 */
final class Installation {
  private Installation() {}

  /** The repository (or installation) root, as set by the ./ftjvm script. */
  static Path home() {
    String home = System.getProperty("ftjvm.home", System.getenv().getOrDefault("FTJVM_HOME", "."));
    return Path.of(home).toAbsolutePath().normalize();
  }

  /** Where CRIU is looked for: -Dftjvm.criu/-Dftjvm.libcriu, then home()/.ftjvm/criu, then PATH. */
  static CriuLocator criuLocator() {
    return CriuLocator.fromSystemProperties(home());
  }

  static Path agentJar() {
    String configured = System.getProperty("ftjvm.agent.jar");
    Path jar =
        configured != null ? Path.of(configured) : home().resolve("agent/target/ftjvm-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new UserError(
          "the agent jar is missing: " + jar + " (build it with: mvn -q -DskipTests package)");
    }
    return jar.toAbsolutePath();
  }

  static Path testAppsJar() {
    Path jar = home().resolve("test-apps/target/test-apps.jar");
    if (!Files.isRegularFile(jar)) {
      throw new UserError(
          "the test apps are missing: " + jar + " (build with: mvn -q -DskipTests package)");
    }
    return jar;
  }

  /** Whether a person is watching (progress and colour only then). */
  static boolean interactive() {
    return System.console() != null && System.getenv("CI") == null;
  }
}
