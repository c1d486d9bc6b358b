package io.ftjvm.replayer.cli;

import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RunContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-executes a recorded run, alone: no network and no peers are needed.",
      "Clocks, random values, identity hashes and the order in which threads take locks come from",
      "the recording; socket reads return the recorded bytes with the recorded chunking; every byte",
      "written to a socket or to stdout is compared, so the program's stdout is the recorded one.",
      "Scheduling noise for testing: --agent-option replayJitterMicros=200; with --repeat 20, a",
      "check that the recording replays whatever the scheduler does. On another machine the program",
      "sees the recorded number of processors (the JVM is started with -XX:ActiveProcessorCount).",
      "A JMX server the JVM starts for itself (-Dcom.sun.management.jmxremote.port) listens on a",
      "free port when the recorded one is taken (the recorded service still running, say).",
      "",
      "Exit status: 0 when the run matched the recording to its end (whatever status the program",
      "itself ended with, as long as it is the recorded one); 86 when it diverged, with a report",
      "on stderr naming the logical thread, the event, what was expected and what happened, and",
      "the stack; 2 when the recording cannot be used."
    })
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The recording directory.")
  Path dir;

  @Option(
      names = "--java",
      paramLabel = "PATH",
      description =
          "The java executable to use (default: the one that recorded, if it is still there).")
  Path java;

  @Option(
      names = "--agent-option",
      paramLabel = "NAME=VALUE",
      description = "Extra agent option (repeatable), e.g. stallTimeoutSeconds=60.")
  List<String> agentOptions = new java.util.ArrayList<>();

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "Replay N times, in a new JVM each time, one after another; stop at the first replay"
              + " that does not match (default: ${DEFAULT-VALUE}). The program's output is shown"
              + " each time.")
  int repeat = 1;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new UserError("--repeat takes a number of replays, at least 1 (got " + repeat + ")");
    }
    RunContext context;
    int recordedStatus;
    try {
      Recording recording = Recording.open(dir);
      // Read it all once: damage anywhere is refused now, with its file and offset, rather than
      // found in the middle of the replay.
      recording.verify();
      context = recording.context();
      recordedStatus = recording.end().map(e -> e.exitStatus()).orElse(-1);
    } catch (IOException e) {
      throw new UserError("cannot replay " + dir + ": " + e.getMessage());
    }
    Path verdict = Files.createTempFile("ftjvm-verdict-", ".txt");
    // Also when the CLI is stopped by a signal, which skips the finally below.
    verdict.toFile().deleteOnExit();
    try {
      List<String> argv = JavaCommand.withoutAgent(context.commandLine());
      argv.set(0, javaExecutable(context, argv.get(0)));
      List<String> notes = new ArrayList<>();
      argv = JmxPorts.freed(argv, JmxPorts::taken, notes);
      notes.forEach(note -> System.err.println("[ftjvm] " + note));
      String agentArgs =
          "mode=replay,dir="
              + dir.toAbsolutePath()
              + ",verdict="
              + verdict
              + RecordCommand.extra(agentOptions);
      List<String> withAgent = JavaCommand.withAgent(argv, Installation.agentJar(), agentArgs);
      if (context.processors() > 0) {
        // The JVM the program was recorded in saw this many processors, and the JDK sized its
        // common pool by it, as programs size theirs: on another machine the replay sees the
        // same. Before the program's own options, which say the same if they say it at all.
        withAgent.add(1, "-XX:ActiveProcessorCount=" + context.processors());
      }
      ProcessBuilder builder = new ProcessBuilder(withAgent).inheritIO();
      String workDir = context.systemProperties().get("user.dir");
      if (workDir != null && new File(workDir).isDirectory()) {
        builder.directory(new File(workDir));
      }
      for (int run = 1; run <= repeat; run++) {
        // Each replay writes its own verdict: none left from the one before can be read as its.
        Files.write(verdict, new byte[0]);
        int status = builder.start().waitFor();
        int judged =
            judge(status, recordedStatus, Files.readString(verdict, StandardCharsets.UTF_8));
        if (judged != ExitCodes.OK) {
          if (repeat > 1) {
            System.err.println(
                "[ftjvm] replay " + run + " of " + repeat + " did not match; stopped there");
          }
          return judged;
        }
      }
      if (repeat > 1 && Installation.interactive()) {
        System.err.println("[ftjvm] all " + repeat + " replays matched the recording");
      }
      return ExitCodes.OK;
    } finally {
      Files.deleteIfExists(verdict);
    }
  }

  private String javaExecutable(RunContext context, String recorded) {
    if (java != null) {
      return java.toString();
    }
    Path same = Path.of(context.javaHome(), "bin", "java");
    return Files.isExecutable(same) ? same.toString() : recorded;
  }

  private static int judge(int status, int recordedStatus, String verdict) {
    if (verdict.startsWith("verdict=matched") || verdict.startsWith("verdict=end-of-recording")) {
      if (Installation.interactive()) {
        System.err.println("[ftjvm] replay matched the recording");
      }
      return ExitCodes.OK;
    }
    if (verdict.startsWith("verdict=damaged")) {
      return ExitCodes.USAGE;
    }
    if (verdict.startsWith("verdict=diverged")) {
      return ExitCodes.DIVERGED;
    }
    if (verdict.startsWith("verdict=program-ended-early")) {
      System.err.println(
          "[ftjvm] replay: the program ended (status "
              + status
              + ") before the end of the recording");
      return ExitCodes.DIVERGED;
    }
    System.err.println(
        "[ftjvm] replay did not report a verdict (the JVM ended with status "
            + status
            + (recordedStatus >= 0 ? ", recorded " + recordedStatus : "")
            + "); see the messages above");
    return status == 0 ? ExitCodes.DIVERGED : status;
  }
}
