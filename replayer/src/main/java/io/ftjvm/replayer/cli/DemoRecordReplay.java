package io.ftjvm.replayer.cli;

import static io.ftjvm.replayer.cli.DemoNarration.say;
import static io.ftjvm.replayer.cli.DemoNarration.show;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's first part: a program whose output depends on clocks, random numbers, UUIDs and
 * identity hashes runs twice (the outputs differ), is recorded once and replayed three times (the
 * outputs equal the recorded one); then what the recording holds.
 */
final class DemoRecordReplay {
  static final String SHOWCASE = "io.ftjvm.testapps.nondet.NondeterminismShowcase";

  private final Path work;

  /**
   * @param work the demo's directory; the recording goes to {@code work/recording}
   */
  DemoRecordReplay(Path work) {
    this.work = work;
  }

  Path recording() {
    return work.resolve("recording");
  }

  /** Runs steps 1 to 4; true when every replay matched the recording. */
  boolean run() throws Exception {
    Path recording = recording();
    List<String> program =
        List.of(
            CliProcess.javaOfThisJvm(),
            "-cp",
            Installation.testAppsJar().toString(),
            SHOWCASE,
            "2");

    say("1. The program, run twice without ftjvm. Its output depends on its process id, clocks,");
    say("   random values, UUIDs and identity hash codes, so the two runs differ:");
    String plain1 = run(program, work.resolve("plain1.txt"));
    String plain2 = run(program, work.resolve("plain2.txt"));
    show(plain1, 6);
    say(
        "   ... the two plain runs "
            + (plain1.equals(plain2) ? "happen to match (unusual!)" : "differ, as expected")
            + ".");

    say("");
    say(
        "2. Record one run:  ./ftjvm record --out "
            + recording
            + " -- java -cp test-apps.jar "
            + SHOWCASE
            + " 2");
    List<String> recordArgv =
        JavaCommand.withAgent(program, Installation.agentJar(), "mode=record,dir=" + recording);
    String recorded = run(recordArgv, work.resolve("recorded.txt"));
    show(recorded, 6);

    say("");
    say("3. Replay it three times:  ./ftjvm replay " + recording);
    boolean allMatch = true;
    for (int i = 1; i <= 3; i++) {
      Path out = work.resolve("replay" + i + ".txt");
      Process process =
          new ProcessBuilder(CliProcess.argv("replay", recording.toString()))
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      int status = process.waitFor();
      String replayed = Files.readString(out, StandardCharsets.UTF_8);
      boolean same = status == 0 && replayed.equals(recorded);
      allMatch &= same;
      say(
          "   replay "
              + i
              + ": exit "
              + status
              + ", output "
              + (same ? "identical to the recording" : "DIFFERENT"));
    }

    say("");
    say("4. What the recording holds:  ./ftjvm inspect " + recording);
    FtjvmCli.run("inspect", recording.toString());

    say("");
    say(
        allMatch
            ? "All three replays reproduced the recorded run exactly."
            : "A replay did not match: see the messages above.");
    return allMatch;
  }

  private static String run(List<String> argv, Path out) throws Exception {
    Process process =
        new ProcessBuilder(argv)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int status = process.waitFor();
    if (status != 0) {
      throw new UserError(
          "the demo program failed with status " + status + ": " + String.join(" ", argv));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
