package io.ftjvm.replayer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the JVM command lines that record and replay launch. */
final class JavaCommand {
  private JavaCommand() {}

  /** The user's java command with the agent inserted right after the java executable. */
  static List<String> withAgent(List<String> command, Path agentJar, String agentArgs) {
    if (command == null || command.isEmpty()) {
      throw new UserError("give the program's command after --, starting with java");
    }
    String java = command.get(0);
    String name = Path.of(java).getFileName().toString();
    if (!name.equals("java") && !name.equals("java.exe")) {
      throw new UserError(
          "the command must start with java (or a path to a java executable), not '" + java + "'");
    }
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.add("-javaagent:" + agentJar + "=" + agentArgs);
    argv.addAll(command.subList(1, command.size()));
    return argv;
  }

  /** The recorded JVM's argv without any FT-JVM agent option, so another one can be added. */
  static List<String> withoutAgent(List<String> argv) {
    List<String> kept = new ArrayList<>();
    for (String arg : argv) {
      if (arg.startsWith("-javaagent:") && arg.contains("ftjvm-agent")) {
        continue;
      }
      kept.add(arg);
    }
    return kept;
  }
}
