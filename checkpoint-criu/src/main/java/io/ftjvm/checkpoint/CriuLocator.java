package io.ftjvm.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Finds a usable CRIU: a configured path first, then the one provisioned into {@code
 * <repo>/.ftjvm/criu} by {@code checkpoint-criu/provision/provision-criu.sh}, then a system {@code
 * criu}. The first one found decides: when it is too old or {@code criu check} fails, the locator
 * refuses with a message that quotes what {@code criu check} printed, rather than silently trying
 * another.
 *
 * <p>System properties read by {@link #fromSystemProperties(Path)}: {@code ftjvm.criu} (binary) and
 * {@code ftjvm.libcriu} (path of libcriu.so.2).
 */
public final class CriuLocator {

  /** Oldest CRIU that works here: 4.1 cannot dump any TCP socket on kernels >= 6.16. */
  public static final String MIN_VERSION = "4.2";

  /** Directory, relative to the repository root, that the provisioning script fills. */
  public static final String PROVISIONED_DIR = ".ftjvm/criu";

  static final String PROVISION_SCRIPT = "checkpoint-criu/provision/provision-criu.sh";
  private static final String PRIVATE_LIB = "root/usr/lib/x86_64-linux-gnu/libcriu.so.2";
  private static final List<Path> SYSTEM_LIB_DIRS =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu"),
          Path.of("/lib/x86_64-linux-gnu"),
          Path.of("/usr/lib64"),
          Path.of("/usr/local/lib"),
          Path.of("/usr/local/lib64"),
          Path.of("/usr/lib"));

  private final Path configuredBinary;
  private final Path configuredLibcriu;
  private final Path repoRoot;
  private final List<Path> searchPath;
  private final long checkTimeoutSeconds;

  private CriuLocator(
      Path configuredBinary,
      Path configuredLibcriu,
      Path repoRoot,
      List<Path> searchPath,
      long checkTimeoutSeconds) {
    this.configuredBinary = configuredBinary;
    this.configuredLibcriu = configuredLibcriu;
    this.repoRoot = repoRoot;
    this.searchPath = List.copyOf(searchPath);
    this.checkTimeoutSeconds = checkTimeoutSeconds;
  }

  /** A locator that looks in {@code repoRoot} (may be null) and on the PATH. */
  public static CriuLocator of(Path repoRoot) {
    return new CriuLocator(null, null, repoRoot, defaultSearchPath(), 120);
  }

  /**
   * Like {@link #of(Path)}, with {@code -Dftjvm.criu} / {@code -Dftjvm.libcriu} as configured
   * paths.
   */
  public static CriuLocator fromSystemProperties(Path repoRoot) {
    String bin = System.getProperty("ftjvm.criu");
    String lib = System.getProperty("ftjvm.libcriu");
    return of(repoRoot)
        .withConfigured(
            bin == null || bin.isBlank() ? null : Path.of(bin),
            lib == null || lib.isBlank() ? null : Path.of(lib));
  }

  /** A copy that tries {@code binary} (and {@code libcriu}, may be null) before anything else. */
  public CriuLocator withConfigured(Path binary, Path libcriu) {
    return new CriuLocator(binary, libcriu, repoRoot, searchPath, checkTimeoutSeconds);
  }

  /** A copy that looks for a system {@code criu} in these directories instead of PATH. */
  public CriuLocator withSearchPath(List<Path> dirs) {
    return new CriuLocator(
        configuredBinary, configuredLibcriu, repoRoot, dirs, checkTimeoutSeconds);
  }

  /** True when the provisioning script has left something in {@code <repo>/.ftjvm/criu}. */
  public boolean provisioned() {
    return repoRoot != null && Files.isDirectory(repoRoot.resolve(PROVISIONED_DIR));
  }

  /**
   * Finds and checks CRIU.
   *
   * @throws CriuUnavailableException with {@link CriuUnavailableException#notFound()} when there is
   *     none, or naming the CRIU found and quoting {@code criu check} when it is unusable
   */
  public CriuInstallation locate() throws CriuUnavailableException {
    if (configuredBinary != null) {
      Path lib = configuredLibcriu != null ? configuredLibcriu : findSystemLibcriu();
      return verify(configuredBinary, lib, "configured");
    }
    if (provisioned()) {
      return locateProvisioned(repoRoot.resolve(PROVISIONED_DIR));
    }
    Path system = findOnSearchPath();
    if (system != null) {
      Path lib = configuredLibcriu != null ? configuredLibcriu : findSystemLibcriu();
      return verify(system, lib, "system");
    }
    throw new CriuUnavailableException(
        "no CRIU found: none configured (-Dftjvm.criu), "
            + (repoRoot == null
                ? "no repository root known"
                : "nothing provisioned in " + repoRoot.resolve(PROVISIONED_DIR))
            + ", and no criu in "
            + searchPath
            + ". Run "
            + PROVISION_SCRIPT
            + " to provision CRIU >= "
            + MIN_VERSION
            + ".",
        true);
  }

  private CriuInstallation locateProvisioned(Path dir) throws CriuUnavailableException {
    Path props = dir.resolve("criu.properties");
    Path binary = dir.resolve("bin/criu");
    Path lib = dir.resolve(PRIVATE_LIB);
    if (Files.isRegularFile(props)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(props)) {
        p.load(in);
      } catch (IOException e) {
        throw new CriuUnavailableException(
            "cannot read " + props + ": " + e + ". Run " + PROVISION_SCRIPT + " again.", false);
      }
      String b = p.getProperty("binary");
      String l = p.getProperty("libcriu");
      if (b == null || b.isBlank()) {
        throw new CriuUnavailableException(
            props + " names no CRIU binary. Run " + PROVISION_SCRIPT + " again.", false);
      }
      binary = Path.of(b.trim());
      lib = l == null || l.isBlank() ? null : Path.of(l.trim());
    } else if (!Files.exists(binary)) {
      throw new CriuUnavailableException(
          dir
              + " exists but holds neither criu.properties nor bin/criu:"
              + " provisioning did not finish. Run "
              + PROVISION_SCRIPT
              + " again.",
          false);
    }
    if (lib != null && !Files.exists(lib)) {
      lib = null;
    }
    return verify(binary, lib, "provisioned");
  }

  private CriuInstallation verify(Path binary, Path libcriu, String source)
      throws CriuUnavailableException {
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new CriuUnavailableException(
          "the " + source + " CRIU " + binary + " does not exist or is not executable", false);
    }
    String versionOutput;
    try {
      versionOutput =
          CommandRunner.run(List.of(binary.toString(), "--version"), checkTimeoutSeconds).output();
    } catch (IOException e) {
      throw new CriuUnavailableException(
          "the " + source + " CRIU " + binary + " does not run: " + e, false);
    }
    String version = CriuVersion.parse(versionOutput);
    if (version == null) {
      throw new CriuUnavailableException(
          "the "
              + source
              + " CRIU "
              + binary
              + " does not report a version; `criu --version` printed:\n"
              + indent(versionOutput),
          false);
    }
    if (CriuVersion.compare(version, MIN_VERSION) < 0) {
      throw new CriuUnavailableException(
          "the "
              + source
              + " CRIU "
              + binary
              + " is version "
              + version
              + "; FT-JVM needs >= "
              + MIN_VERSION
              + " (3.x fails `criu check` on kernels that split the vDSO,"
              + " 4.1 cannot dump TCP sockets on kernels >= 6.16). Run "
              + PROVISION_SCRIPT
              + ".",
          false);
    }
    CommandRunner.Result check;
    try {
      check = CommandRunner.run(List.of(binary.toString(), "check"), checkTimeoutSeconds);
    } catch (IOException e) {
      throw new CriuUnavailableException("`" + binary + " check` could not be run: " + e, false);
    }
    if (check.exitStatus() != 0) {
      throw new CriuUnavailableException(
          "the "
              + source
              + " CRIU "
              + version
              + " at "
              + binary
              + " is not usable on this machine: `criu check` exited with status "
              + check.exitStatus()
              + " and printed:\n"
              + indent(check.output()),
          false);
    }
    return new CriuInstallation(
        binary.toAbsolutePath(),
        libcriu == null ? null : libcriu.toAbsolutePath(),
        version,
        source,
        check.output().strip());
  }

  private Path findOnSearchPath() {
    for (Path dir : searchPath) {
      Path c = dir.resolve("criu");
      if (Files.isRegularFile(c) && Files.isExecutable(c)) {
        return c;
      }
    }
    return null;
  }

  private static Path findSystemLibcriu() {
    for (Path d : SYSTEM_LIB_DIRS) {
      Path l = d.resolve("libcriu.so.2");
      if (Files.exists(l)) {
        return l;
      }
    }
    return null;
  }

  private static List<Path> defaultSearchPath() {
    Set<Path> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String s : path.split(":")) {
        if (!s.isEmpty()) {
          dirs.add(Path.of(s));
        }
      }
    }
    for (String s : List.of("/usr/local/sbin", "/usr/sbin", "/sbin")) {
      dirs.add(Path.of(s));
    }
    return new ArrayList<>(dirs);
  }

  private static String indent(String output) {
    String trimmed = output.strip();
    if (trimmed.isEmpty()) {
      return "    (nothing)";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : trimmed.split("\\R")) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("    ").append(line);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "CriuLocator[configured="
        + configuredBinary
        + ", repo="
        + repoRoot
        + ", path="
        + searchPath
        + "]";
  }
}
