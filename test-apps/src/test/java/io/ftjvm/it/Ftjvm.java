package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs ./ftjvm and the test applications in forked processes, as a user would. */
final class Ftjvm {
  static final Path ROOT =
      Path.of(System.getProperty("ftjvm.repo.root", "..")).toAbsolutePath().normalize();
  static final String JAVA =
      System.getProperty(
          "ftjvm.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
  static final String APPS = ROOT.resolve("test-apps/target/test-apps.jar").toString();
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Ftjvm() {}

  /** What a finished process left behind. */
  record Result(int status, String stdout, String stderr) {
    Result expectStatus(int expected) {
      if (status != expected) {
        fail(
            "exit status "
                + status
                + ", expected "
                + expected
                + "\n--- stdout:\n"
                + stdout
                + "\n--- stderr:\n"
                + stderr);
      }
      return this;
    }
  }

  /** {@code ./ftjvm args...}, waiting for it to end. */
  static Result ftjvm(Path work, Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("bash", ROOT.resolve("ftjvm").toString()));
    argv.addAll(List.of(args));
    return run(work, env, argv);
  }

  /** The Java command line of a test application, with the JVM under test. */
  /** The recording's events of one type, as {@code ftjvm inspect --events --type} lists them. */
  static String eventsOfType(Path work, Path recording, String type) throws Exception {
    return ftjvm(work, Map.of(), "inspect", recording.toString(), "--events", "--type", type)
        .expectStatus(0)
        .stdout();
  }

  static List<String> java(String mainClass, String... args) {
    List<String> argv = new ArrayList<>(List.of(JAVA, "-cp", APPS, mainClass));
    argv.addAll(List.of(args));
    return argv;
  }

  /**
   * {@code ./ftjvm run --state STATE --checkpoint-every SECONDS -- java ... MAIN ARGS}, with a
   * small heap and the serial collector so the checkpoint images (and so the dumps) stay small.
   */
  static List<String> supervised(
      Path state, int checkpointEverySeconds, String main, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "bash",
                ROOT.resolve("ftjvm").toString(),
                "run",
                "--state",
                state.toString(),
                "--checkpoint-every",
                String.valueOf(checkpointEverySeconds),
                "--",
                JAVA,
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                APPS,
                main));
    argv.addAll(List.of(args));
    return argv;
  }

  /** Records {@code mainClass args} from the test apps into {@code out}; it must exit 0. */
  static Result recordApp(Path work, Path out, String mainClass, String... args) throws Exception {
    return ftjvm(work, Map.of(), record(out, java(mainClass, args))).expectStatus(0);
  }

  /** {@code ./ftjvm record --out DIR -- java ...} as an argument list. */
  static String[] record(Path out, List<String> javaCommand) {
    List<String> args = new ArrayList<>(List.of("record", "--out", out.toString(), "--"));
    args.addAll(javaCommand);
    return args.toArray(String[]::new);
  }

  static Result run(Path work, Map<String, String> env, List<String> argv) throws Exception {
    Files.createDirectories(work);
    File out = Files.createTempFile(work, "stdout-", ".txt").toFile();
    File err = Files.createTempFile(work, "stderr-", ".txt").toFile();
    ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out).redirectError(err);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("timed out after " + TIMEOUT + ": " + argv + "\n--- stderr:\n" + read(err.toPath()));
    }
    return new Result(process.exitValue(), read(out.toPath()), read(err.toPath()));
  }

  /** A process left running (a server), with its output going to files. */
  static final class Background implements AutoCloseable {
    final Process process;
    final Path stdout;
    final Path stderr;

    Background(Path work, List<String> argv) throws IOException {
      Files.createDirectories(work);
      stdout = Files.createTempFile(work, "bg-out-", ".txt");
      stderr = Files.createTempFile(work, "bg-err-", ".txt");
      process =
          new ProcessBuilder(argv)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
    }

    /** Waits for the server's "listening on port N" line and returns N. */
    int awaitPort() throws Exception {
      Pattern listening = Pattern.compile("listening on port (\\d+)");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        Matcher m = listening.matcher(read(stdout));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
        if (!process.isAlive()) {
          fail(
              "server ended before listening: status " + process.exitValue() + "\n" + read(stderr));
        }
        Thread.sleep(50);
      }
      fail("server did not start listening: " + read(stderr));
      return -1;
    }

    Result awaitExit() throws Exception {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        fail("did not end in time\n" + read(stderr));
      }
      return new Result(process.exitValue(), read(stdout), read(stderr));
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** {@code bash ./ftjvm record ...} started in the background. */
  static Background recordInBackground(Path work, Path out, List<String> javaCommand)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of("bash", ROOT.resolve("ftjvm").toString()));
    argv.addAll(List.of(record(out, javaCommand)));
    return new Background(work, argv);
  }

  /**
   * Records a client application talking to a plain (unrecorded) echo server, then stops the
   * server.
   */
  static Result recordClientOfEchoServer(Path work, Path recording, String clientMain)
      throws Exception {
    try (Background server =
        new Background(work, java("io.ftjvm.testapps.echo.RequestResponseServer", "--port", "0"))) {
      int port = server.awaitPort();
      return ftjvm(
              work, Map.of(), record(recording, java(clientMain, "--port", String.valueOf(port))))
          .expectStatus(0);
    }
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
