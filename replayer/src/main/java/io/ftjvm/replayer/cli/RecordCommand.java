package io.ftjvm.replayer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    usageHelpWidth = 110,
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Java program with the agent in record mode.",
      "Its stdin, stdout, stderr and exit status pass through unchanged.",
      "",
      "Examples:",
      "  ./ftjvm record --out rec1 -- java -cp app.jar com.example.Main arg1",
      "  ./ftjvm record --out rec2 -- java -Xmx512m -jar app.jar",
      "",
      "The JVM options you give are kept; the agent's option is added after 'java'."
    })
final class RecordCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description = "Recording directory to create (must not exist, or be empty).")
  Path out;

  @Option(
      names = "--agent-option",
      paramLabel = "NAME=VALUE",
      description =
          "Extra agent option (repeatable), e.g. --agent-option logLevel=debug. See docs/configuration.md.")
  List<String> agentOptions = new ArrayList<>();

  @Parameters(
      paramLabel = "JAVA_COMMAND",
      arity = "1..*",
      description = "The program's command line, starting with java (after --).")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && (!Files.isDirectory(out) || Files.list(out).findAny().isPresent())) {
      throw new UserError(
          "cannot record into " + out + ": it exists and is not an empty directory");
    }
    String agentArgs = "mode=record,dir=" + out.toAbsolutePath() + extra(agentOptions);
    List<String> argv = JavaCommand.withAgent(command, Installation.agentJar(), agentArgs);
    Process process = new ProcessBuilder(argv).inheritIO().start();
    int status = process.waitFor();
    if (Installation.interactive()) {
      System.err.println(
          "[ftjvm] recorded into "
              + out
              + " (exit status "
              + status
              + "); inspect it with ./ftjvm inspect "
              + out);
    }
    return status;
  }

  static String extra(List<String> options) {
    StringBuilder joined = new StringBuilder();
    for (String option : options) {
      if (!option.contains("=") || option.contains(",")) {
        throw new UserError("agent options look like name=value, without commas: '" + option + "'");
      }
      joined.append(',').append(option);
    }
    return joined.toString();
  }
}
