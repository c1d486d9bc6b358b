package io.ftjvm.replayer.supervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line {@code ftjvm run} starts the application with (docs/fault-tolerance.md, "JVM
 * options the launcher sets, and why"):
 *
 * <pre>
 * setsid &lt;java&gt; -XX:-UsePerfData [--enable-native-access=ALL-UNNAMED (Java 22+)]
 *     -Dftjvm.criu=&lt;criu&gt; -Dftjvm.libcriu=&lt;libcriu&gt;
 *     -javaagent:&lt;agent.jar&gt;=mode=ft,state=&lt;DIR&gt;[,options] &lt;the user's arguments&gt;
 * </pre>
 *
 * Our options go before the user's, so that the user's own {@code -D}s still win where they may.
 *
 * @param javaCommand the user's command: the java executable, then its arguments
 * @param javaFeatureVersion the feature version of that java (see {@link JavaVersion})
 * @param agentOptions extra agent options, each {@code name=value}
 */
public record LaunchCommand(
    List<String> javaCommand,
    int javaFeatureVersion,
    Path agentJar,
    StateDir state,
    Path criuBinary,
    Path libcriu,
    List<String> agentOptions) {

  public LaunchCommand {
    javaCommand = List.copyOf(javaCommand);
    agentOptions = List.copyOf(agentOptions);
    Objects.requireNonNull(agentJar, "agentJar");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(criuBinary, "criuBinary");
    Objects.requireNonNull(libcriu, "libcriu");
    validate(javaCommand);
  }

  /**
   * Refuses a command that is not {@code java ...} or that holds JVM options that break a restore.
   */
  public static void validate(List<String> javaCommand) {
    if (javaCommand.isEmpty()) {
      throw new Refusal("give the program's command after --, starting with java");
    }
    String java = javaCommand.get(0);
    String name = Path.of(java).getFileName().toString();
    if (!name.equals("java")) {
      throw new Refusal(
          "the command must start with java (or a path to a java executable), not '" + java + "'");
    }
    JvmOptions.refuseUnsupported(javaCommand.subList(1, javaCommand.size()));
  }

  /** {@code mode=ft,state=<DIR>} and the extra options, as the agent reads them. */
  public String agentArguments() {
    String dir = state.root().toString();
    if (dir.contains(",") || dir.contains("=")) {
      throw new Refusal(
          "the state directory's path must not contain ',' or '=' (agent options are"
              + " comma-separated name=value pairs): "
              + dir);
    }
    StringBuilder args = new StringBuilder("mode=ft,state=").append(dir);
    for (String option : agentOptions) {
      if (!option.contains("=") || option.contains(",") || option.startsWith("=")) {
        throw new Refusal("agent options look like name=value, without commas: '" + option + "'");
      }
      args.append(',').append(option);
    }
    return args.toString();
  }

  public List<String> argv() {
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.add(javaCommand.get(0));
    argv.add("-XX:-UsePerfData");
    if (javaFeatureVersion >= 22) {
      argv.add("--enable-native-access=ALL-UNNAMED");
    }
    argv.add("-Dftjvm.criu=" + criuBinary);
    argv.add("-Dftjvm.libcriu=" + libcriu);
    argv.add("-javaagent:" + agentJar + "=" + agentArguments());
    argv.addAll(javaCommand.subList(1, javaCommand.size()));
    return argv;
  }
}
