package io.ftjvm.agent.wiring;

import io.ftjvm.capture.recording.RunContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the recorded run was: enough to re-launch it and to refuse replaying something else. */
public final class RunContexts {
  private RunContexts() {}

  public static RunContext capture(String mode) {
    List<String> commandLine = commandLine();
    String mainClass = mainClass();
    Map<String, String> properties = new TreeMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    return RunContext.builder()
        .javaVersion(System.getProperty("java.version"))
        .javaVendor(System.getProperty("java.vendor"))
        .javaHome(System.getProperty("java.home"))
        .mainClass(mainClass)
        .commandLine(commandLine)
        .appArguments(appArguments())
        .systemProperties(properties)
        .environment(new TreeMap<>(System.getenv()))
        .startEpochMillis(
            ProcessHandle.current()
                .info()
                .startInstant()
                .map(i -> i.toEpochMilli())
                .orElse(System.currentTimeMillis()))
        .agentVersion(agentVersion())
        .mode(mode)
        .processors(Runtime.getRuntime().availableProcessors())
        .build();
  }

  /** The main class, or the jar for {@code java -jar}, as the launcher was given it. */
  public static String mainClass() {
    String command = System.getProperty("sun.java.command", "");
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }

  private static List<String> appArguments() {
    String command = System.getProperty("sun.java.command", "");
    int space = command.indexOf(' ');
    return space < 0 ? List.of() : Arrays.asList(command.substring(space + 1).split(" "));
  }

  /** The JVM's whole command line (argv), so that replay can launch the same program. */
  private static List<String> commandLine() {
    ProcessHandle.Info info = ProcessHandle.current().info();
    List<String> argv = new ArrayList<>();
    argv.add(info.command().orElse(System.getProperty("java.home") + "/bin/java"));
    info.arguments().ifPresent(args -> argv.addAll(Arrays.asList(args)));
    return argv;
  }

  private static String agentVersion() {
    String version = RunContexts.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
