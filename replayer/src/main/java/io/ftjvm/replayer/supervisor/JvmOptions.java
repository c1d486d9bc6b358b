package io.ftjvm.replayer.supervisor;

import java.util.List;
import java.util.Set;

/**
 * Which arguments of a {@code java ...} command line are JVM options: those before the main class,
 * {@code -jar FILE} or {@code -m MODULE}. Arguments after them belong to the application and are
 * never judged (an application may well take {@code -XX:+UsePerfData} as an argument).
 */
public final class JvmOptions {

  /** Launcher options whose value is the next argument. */
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-cp",
          "-classpath",
          "--class-path",
          "-p",
          "--module-path",
          "--upgrade-module-path",
          "--add-modules",
          "--limit-modules",
          "--add-reads",
          "--add-exports",
          "--add-opens",
          "--patch-module",
          "--enable-native-access",
          "--source");

  private JvmOptions() {}

  /** The JVM options among {@code args} (the command line after the java executable). */
  public static List<String> of(List<String> args) {
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
        return args.subList(0, i);
      }
      if (!a.startsWith("-") && !a.startsWith("@")) {
        return args.subList(0, i); // the main class
      }
      i += WITH_VALUE.contains(a) ? 2 : 1;
    }
    return args.subList(0, Math.min(i, args.size()));
  }

  /**
   * Refuses the JVM options that break a restore: a JFR recording's files grow after a dump, and
   * the hsperfdata file is gone after a crash.
   */
  static void refuseUnsupported(List<String> args) {
    List<String> options = of(args);
    for (int i = 0; i < options.size(); i++) {
      String a = options.get(i);
      if (WITH_VALUE.contains(a)) {
        i++; // its value, e.g. a class path, is not an option
        continue;
      }
      if (a.startsWith("-XX:StartFlightRecording")) {
        throw new Refusal(
            "JFR cannot be used in fault-tolerance mode ("
                + a
                + "): its recording files grow after a checkpoint, and CRIU then refuses to restore"
                + " it. Remove the option.");
      }
      if (a.equals("-XX:+UsePerfData")) {
        throw new Refusal(
            "-XX:+UsePerfData cannot be used in fault-tolerance mode: the hsperfdata file it maps is"
                + " deleted after a crash, and CRIU cannot restore the mapping. ftjvm run adds"
                + " -XX:-UsePerfData; remove the option.");
      }
    }
  }
}
