package io.ftjvm.replayer.cli;

import static io.ftjvm.replayer.cli.DemoNarration.say;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    usageHelpWidth = 110,
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "A guided demonstration in two parts, printing what you would type for each step.",
      "",
      "Part 1, record and replay: a program whose output depends on clocks, random numbers, UUIDs",
      "and identity hashes runs twice (the outputs differ), is recorded once and replayed three",
      "times (each replay prints exactly the recorded output), and ./ftjvm inspect shows what the",
      "recording holds.",
      "",
      "Part 2, a crash: a key-value server that keeps its data in memory runs under ./ftjvm run",
      "(checkpointed once, at start); a client writes keys and gets acknowledgements; the server",
      "is killed with a real kill -9; ftjvm run restores the checkpoint with CRIU and the agent",
      "replays the log up to the crash; the client reads every key back and checks that each",
      "acknowledged write is there exactly once (value and per-key version). It shows how long",
      "the recovery took and how many determinants were replayed, then stops the server as",
      "Ctrl-C would. Part 2 needs root and CRIU >= 4.2 (scripts/setup.sh provisions it); where",
      "ftjvm run refuses to start, the demo says so and quotes the refusal.",
      "",
      "Exit status: 0 when every replay matched and every acknowledged write survived the crash",
      "exactly once (or part 2 was skipped with --no-crash); 86 when a replay did not match; 1 when",
      "part 2 lost or doubled a write or could not bring the server back (its files are kept);",
      "4 when part 1 passed but part 2 could not run on this machine (no usable CRIU, not root)."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--keep",
      description = "Keep the demo's files: the recording and the server's state directory.")
  boolean keep;

  @Option(
      names = "--no-crash",
      description = "Run part 1 (record and replay) only: no server, no CRIU, no kill -9.")
  boolean noCrash;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("ftjvm-demo-");
    say("Part 1: record and replay.");
    say("");
    DemoRecordReplay recordReplay = new DemoRecordReplay(work);
    boolean replaysMatched = recordReplay.run();

    DemoCrash.Outcome crash = null;
    DemoCrash crashPart = new DemoCrash(work);
    if (!noCrash) {
      say("");
      say(
          "Part 2: a crash. A server killed with kill -9 comes back with everything it acknowledged.");
      say("");
      crash = crashPart.run();
    }

    say("");
    boolean keepFiles = keep || crash == DemoCrash.Outcome.FAILED;
    if (keepFiles) {
      say("The demo's files are kept in " + work + ":");
      say("  the recording " + recordReplay.recording());
      if (crash != null && crash != DemoCrash.Outcome.UNAVAILABLE) {
        say(
            "  the server's state directory "
                + crashPart.state()
                + "  (./ftjvm status "
                + crashPart.state()
                + ")");
      }
    } else {
      Cleanup.deleteTree(work);
    }
    return status(replaysMatched, crash);
  }

  /** The exit status, worst first (the --help text lists them). */
  static int status(boolean replaysMatched, DemoCrash.Outcome crash) {
    if (!replaysMatched) {
      return ExitCodes.DIVERGED;
    }
    if (crash == DemoCrash.Outcome.FAILED) {
      return ExitCodes.FAILED;
    }
    if (crash == DemoCrash.Outcome.UNAVAILABLE) {
      return ExitCodes.DEMO_CRASH_UNAVAILABLE;
    }
    return ExitCodes.OK;
  }
}
