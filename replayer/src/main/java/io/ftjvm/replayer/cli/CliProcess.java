package io.ftjvm.replayer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This command line run again in a child JVM, exactly as {@code ./ftjvm ARGS} would run it: the
 * same java, class path and {@code -Dftjvm.*} settings (the ./ftjvm script passes the repository
 * and the agent jar that way). The demo uses it so that what it shows is what a user gets.
 */
final class CliProcess {
  private CliProcess() {}

  /** The argument list of {@code ./ftjvm args...}. */
  static List<String> argv(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(javaOfThisJvm());
    System.getProperties().stringPropertyNames().stream()
        .filter(p -> p.startsWith("ftjvm."))
        .sorted()
        .forEach(p -> argv.add("-D" + p + "=" + System.getProperty(p)));
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), FtjvmCli.class.getName()));
    argv.addAll(List.of(args));
    return argv;
  }

  /** The java that runs this command line (so the demo's programs run on it too). */
  static String javaOfThisJvm() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
