package io.ftjvm.replayer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ftjvm} command line. */
@Command(
    usageHelpWidth = 110,
    name = "ftjvm",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Record and replay unmodified JVM programs exactly.",
      "",
      "  ./ftjvm record --out DIR -- java -cp app.jar Main args   record a run",
      "  ./ftjvm replay DIR                                     replay it (again and again)",
      "  ./ftjvm inspect DIR                                    see what the recording holds",
      "  ./ftjvm demo                                           a guided two-minute tour",
    },
    subcommands = {
      RecordCommand.class,
      ReplayCommand.class,
      InspectCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit status:%n",
    footer = {
      "  0   success (replay: the run matched the recording)",
      "  2   bad usage, or an unusable recording (the message names the file and offset)",
      "  86  replay diverged from the recording (a report says where)",
      "  record passes the program's own exit status through.",
      "",
      "Configuration of the agent itself: docs/configuration.md"
    })
public final class FtjvmCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (tests call this directly). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new FtjvmCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UserError) {
            commandLine.getErr().println("ftjvm: " + e.getMessage());
            return ExitCodes.USAGE;
          }
          throw e;
        });
    cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
