package io.ftjvm.checkpoint;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A CRIU that passed {@code criu check} on this machine.
 *
 * @param binary the {@code criu} executable (possibly the provisioning script's wrapper)
 * @param libcriu absolute path of {@code libcriu.so.2}, or null when none was found (then the
 *     installation can restore, but a JVM cannot checkpoint itself with it)
 * @param version as printed by {@code criu --version}, e.g. {@code 4.2.1}
 * @param source where it was found: {@code configured}, {@code provisioned} or {@code system}
 * @param checkOutput what {@code criu check} printed
 */
public record CriuInstallation(
    Path binary, Path libcriu, String version, String source, String checkOutput) {

  public CriuInstallation {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(checkOutput, "checkOutput");
  }

  public Optional<Path> libcriuPath() {
    return Optional.ofNullable(libcriu);
  }

  @Override
  public String toString() {
    return "CRIU "
        + version
        + " at "
        + binary
        + " ("
        + source
        + "), libcriu "
        + (libcriu == null ? "not found" : libcriu.toString());
  }
}
