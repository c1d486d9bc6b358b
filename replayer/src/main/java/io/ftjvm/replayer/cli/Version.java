package io.ftjvm.replayer.cli;

import picocli.CommandLine;

/** The version shown by {@code ftjvm --version}. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {
      "ftjvm " + (version == null ? "0.1.0-SNAPSHOT" : version),
      "running on Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.home")
          + ")"
    };
  }
}
