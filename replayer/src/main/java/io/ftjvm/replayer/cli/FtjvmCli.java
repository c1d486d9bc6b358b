package io.ftjvm.replayer.cli;

import io.ftjvm.replayer.supervisor.Refusal;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ftjvm} command line. */
@Command(
    usageHelpWidth = 110,
    name = "ftjvm",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Record and replay unmodified JVM programs exactly, or run them fault-tolerant.",
      "",
      "  ./ftjvm record --out DIR -- java -cp app.jar Main args   record a run",
      "  ./ftjvm replay DIR                                     replay it (again and again)",
      "  ./ftjvm inspect DIR                                    see what the recording holds",
      "  ./ftjvm demo                                           a guided tour: record/replay, then kill -9",
      "  ./ftjvm run --state DIR -- java -cp app.jar Main       run it, brought back after crashes",
      "  ./ftjvm status DIR                                     checkpoints, log, recoveries",
    },
    footerHeading = "%nExit status:%n",
    footer = {
      "  0   success (replay: the run matched the recording)",
      "  1   checkpoint: the agent refused or did not answer; demo: the crash part failed (it says why)",
      "  2   bad usage, or an unusable recording (the message names the file and offset), or no CRIU",
      "  3   run/restore: the application crashed and could not be brought back (supervisor.log says why)",
      "  4   demo: record/replay worked, but the crash part could not run here (no usable CRIU; it says why)",
      "  86  replay diverged from the recording (a report says where); run/restore: a recovery diverged",
      "  143 run/restore: stopped by SIGTERM or Ctrl-C (the application was killed)",
      "  record, run and restore otherwise pass the program's own exit status through.",
      "",
      "Configuration of the agent itself: docs/configuration.md"
    })
public final class FtjvmCli implements Runnable {
  /**
   * The subcommands, in the order the help lists them. Only the one invoked is registered: picocli
   * builds the model of every registered command at start, reflection over all their options, which
   * was 40% of the CPU time of a short command such as a replay's.
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RecordCommand.class,
          ReplayCommand.class,
          InspectCommand.class,
          DemoCommand.class,
          RunCommand.class,
          RestoreCommand.class,
          StatusCommand.class,
          CheckpointCommand.class,
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (tests call this directly). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new FtjvmCli());
    for (Class<?> command : registered(args)) {
      cli.addSubcommand(command);
    }
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UserError || e instanceof Refusal) {
            commandLine.getErr().println("ftjvm: " + e.getMessage());
            return ExitCodes.USAGE;
          }
          throw e;
        });
    cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    return cli.execute(args);
  }

  /**
   * The invoked subcommand alone when the first argument names one; all of them otherwise (the
   * top-level help, {@code help}, a mistyped name that picocli then suggests a name for).
   */
  static List<Class<?>> registered(String... args) {
    if (args.length > 0) {
      for (Class<?> command : SUBCOMMANDS) {
        if (command != CommandLine.HelpCommand.class
            && command.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(command);
        }
      }
    }
    return SUBCOMMANDS;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
