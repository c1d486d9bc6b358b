package io.ftjvm.replayer.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    usageHelpWidth = 110,
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "A guided demonstration: runs a program whose output depends on clocks, random numbers,",
      "UUIDs and identity hashes twice (the outputs differ), records it once, replays the",
      "recording three times (the outputs are identical to the recorded one), and shows what",
      "the recording holds. Exit 0 when every replay matched."
    })
final class DemoCommand implements Callable<Integer> {
  static final String SHOWCASE = "io.ftjvm.testapps.nondet.NondeterminismShowcase";

  @Option(names = "--keep", description = "Keep the demo's recording directory (it is printed).")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("ftjvm-demo-");
    Path recording = work.resolve("recording");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> program =
        List.of(java, "-cp", Installation.testAppsJar().toString(), SHOWCASE, "2");

    say("1. The program, run twice without ftjvm. Its output depends on clocks, random values,");
    say("   UUIDs and identity hash codes, so the two runs differ:");
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
      Path self = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> replay =
          new ArrayList<>(List.of(self.toString(), "-cp", System.getProperty("java.class.path")));
      System.getProperties().stringPropertyNames().stream()
          .filter(p -> p.startsWith("ftjvm."))
          .forEach(p -> replay.add(1, "-D" + p + "=" + System.getProperty(p)));
      replay.addAll(List.of(FtjvmCli.class.getName(), "replay", recording.toString()));
      Process process =
          new ProcessBuilder(replay)
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
    if (keep) {
      say("The recording is kept in " + recording);
    } else {
      Cleanup.deleteTree(work);
    }
    return allMatch ? ExitCodes.OK : ExitCodes.DIVERGED;
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

  private static void show(String output, int lines) {
    String[] all = output.split("\n");
    for (int i = 0; i < Math.min(lines, all.length); i++) {
      System.out.println("     | " + all[i]);
    }
    if (all.length > lines) {
      System.out.println(
          "     | ... ("
              + (all.length - lines)
              + " more lines; last: "
              + all[all.length - 1]
              + ")");
    }
  }

  private static void say(String line) {
    System.out.println(line);
  }
}
