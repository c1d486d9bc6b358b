package io.ftjvm.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code ./ftjvm} command line, run the way the {@code ftjvm} script runs it. */
final class FtjvmCli {
  /** What a finished command printed (stdout and stderr together) and its exit status. */
  record Result(int status, String output) {}

  private final Path root;
  private final String java;

  FtjvmCli(Path root, String java) {
    this.root = root;
    this.java = java;
  }

  /** The argv of {@code ./ftjvm args...}. */
  List<String> command(List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.add("-Dftjvm.home=" + root);
    argv.add("-Dftjvm.agent.jar=" + root.resolve("agent/target/ftjvm-agent.jar"));
    argv.add("-jar");
    argv.add(root.resolve("replayer/target/ftjvm-cli.jar").toString());
    argv.addAll(args);
    return argv;
  }

  /** Runs a command that ends by itself (checkpoint, inspect, status). */
  Result run(String... args) throws Exception {
    Process p = new ProcessBuilder(command(List.of(args))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("./ftjvm " + String.join(" ", args) + " hung");
    }
    return new Result(p.exitValue(), out);
  }
}
