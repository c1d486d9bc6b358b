package io.ftjvm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a child JVM checkpoints itself with {@link CriuCheckpointEngine} (leave-running),
 * keeps counting, is killed with SIGKILL, is restored by CRIU in a fresh pid namespace, learns from
 * {@code criu_dump() == 1} that it was restored, and counts on from the checkpointed counter. A
 * listening socket it held accepts again; its established connection comes back closed. The same
 * image is restored twice.
 *
 * <p>The child runs on {@code -Dftjvm.test.java} (default: this JVM). Skipped, through an
 * assumption, only when CRIU was never provisioned and the system has no usable criu.
 *
 * <p>The waits below are hang guards only (a broken restore must not hang the build); nothing here
 * asserts on how long anything took.
 */
class CriuRealCheckpointTest {

  private static final long CHECKPOINT_AT = 30;
  private static final long AFTER_RESTORE = 20;
  private static final long HANG_GUARD_SECONDS = 180;
  private static final Pattern CHECKPOINTED =
      Pattern.compile(
          "CHECKPOINTED pid=(\\d+) counter=(\\d+) dump_ms=([\\d.]+) image_bytes=(\\d+) zombies=(\\d+)");
  private static final Pattern RESTORED =
      Pattern.compile("RESTORED pid=(\\d+) counter=(\\d+) restored_at_ms=(\\d+) zombies=(\\d+)");

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void checkpointKillRestoreAndCountOn() throws Exception {
    CriuInstallation criu = RealCriu.require();
    Path java =
        Path.of(
            System.getProperty(
                "ftjvm.test.java", ProcessHandle.current().info().command().orElse("java")));
    Path work =
        Path.of("target", "criu-real-test", "run-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(work);
    Path images = work.resolve("images");
    Path out = work.resolve("child.out");
    Path err = work.resolve("child.err");
    Path restoreOut = work.resolve("restore.out");
    System.out.println("[criu-real] " + criu + "; child java " + java + "; work dir " + work);

    // 1. The child counts and checkpoints itself at CHECKPOINT_AT, leaving itself running.
    List<String> cmd =
        List.of(
            "setsid", // its own session leader, as ftjvm run starts applications (SessionLeader)
            java.toString(),
            "-XX:-UsePerfData",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            childClasspath(),
            CriuCheckpointChild.class.getName(),
            images.toString(),
            criu.binary().toString(),
            criu.libcriu().toString(),
            Long.toString(CHECKPOINT_AT),
            Long.toString(AFTER_RESTORE));
    Process child =
        start(
            new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())));
    List<String> lines =
        awaitOutput(
            out,
            err,
            images,
            "the original to checkpoint and count to " + (CHECKPOINT_AT + 5),
            l ->
                indexOf(l, "CHECKPOINTED") >= 0
                    && l.subList(indexOf(l, "CHECKPOINTED"), l.size())
                        .contains("count " + (CHECKPOINT_AT + 5)),
            child);
    Matcher dumped = match(CHECKPOINTED, lines);
    assertEquals(CHECKPOINT_AT, Long.parseLong(dumped.group(2)));
    assertEquals("0", dumped.group(5), "the zombie libcriu leaves behind was reaped");

    // 2. kill -9.
    child.destroyForcibly();
    assertTrue(child.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
    assertEquals(128 + 9, child.exitValue(), "killed by SIGKILL");
    int linesBeforeRestore = Files.readAllLines(out).size();

    // 3. Restore twice from the same image: each time the child must report that it was restored
    //    and count on from the checkpointed counter to the end.
    for (int round = 1; round <= 2; round++) {
      List<String> restoreCmd =
          CriuRestoreCommand.of(criu, images).log("restore-" + round + ".log", 2).command();
      long restoreStart = System.currentTimeMillis();
      Process restore =
          start(
              new ProcessBuilder(restoreCmd)
                  .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.appendTo(restoreOut.toFile())));
      if (!restore.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
        fail(
            "restore "
                + round
                + " did not finish; "
                + diagnostics(out, err, images)
                + readTail(restoreOut));
      }
      List<String> all = Files.readAllLines(out);
      List<String> after = all.subList(linesBeforeRestore, all.size());
      assertEquals(
          0,
          restore.exitValue(),
          "criu restore (round "
              + round
              + ") exit status, i.e. the restored"
              + " child's; "
              + diagnostics(out, err, images)
              + readTail(restoreOut));
      Matcher restored = match(RESTORED, after);
      assertEquals(dumped.group(1), restored.group(1), "the restored process has the original pid");
      assertEquals(
          CHECKPOINT_AT,
          Long.parseLong(restored.group(2)),
          "the heap came back from the checkpoint");
      assertEquals("0", restored.group(4), "the zombie restored with the image was reaped");
      int at = indexOf(after, "RESTORED");
      String sockets = after.get(at + 1);
      assertTrue(
          sockets.startsWith("SOCKETS listener=accepts old=closed("),
          "the listening socket accepts again and the old connection is closed: " + sockets);
      List<String> expected = new ArrayList<>();
      for (long i = CHECKPOINT_AT + 1; i <= CHECKPOINT_AT + AFTER_RESTORE; i++) {
        expected.add("count " + i);
      }
      expected.add("DONE counter=" + (CHECKPOINT_AT + AFTER_RESTORE));
      assertEquals(
          expected,
          after.subList(at + 2, after.size()),
          "after the restore the child counts on from " + CHECKPOINT_AT);
      long restoreMs = Long.parseLong(restored.group(3)) - restoreStart;
      System.out.printf(
          "[criu-real] %s: dump paused the JVM %s ms, image %.1f MB; restore %d: running again"
              + " %d ms after `criu restore` was started; %s%n",
          javaVersion(java),
          dumped.group(3),
          Long.parseLong(dumped.group(4)) / 1e6,
          round,
          restoreMs,
          sockets);
      linesBeforeRestore = all.size();
    }
    ImageFiles.deleteRecursively(work); // kept when the test fails, for its logs
  }

  @Test
  void aDumpThatCannotReachCriuFailsClearlyAndLeavesNoZombie(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    CriuInstallation real = RealCriu.require();
    CriuInstallation broken =
        new CriuInstallation(
            tmp.resolve("no-such-criu"), real.libcriu(), real.version(), "test", "");
    ChildReaper reaper = new ChildReaper(LibC.get());
    java.util.Set<Integer> before = reaper.children();
    System.out.println(
        "[criu-real] libcriu will now complain on stderr that it cannot exec " + broken.binary());
    CheckpointException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CheckpointException.class,
            () -> new CriuCheckpointEngine(broken).checkpoint(tmp.resolve("images")));
    assertTrue(
        e.getMessage()
            .contains("CRIU dump into " + tmp.resolve("images") + " failed: criu_dump returned -"),
        e.getMessage());
    java.util.Set<Integer> after = reaper.children();
    after.removeAll(before);
    assertEquals(java.util.Set.of(), after, "libcriu's helper child was reaped");
  }

  @Test
  void aJvmWhoseSessionLeaderIsOutsideItsPidNamespaceIsRefusedWithWhatToDo(@TempDir Path tmp)
      throws Exception {
    CriuInstallation criu = RealCriu.require();
    Path java =
        Path.of(
            System.getProperty(
                "ftjvm.test.java", ProcessHandle.current().info().command().orElse("java")));
    // In a fresh pid namespace, without setsid, the child's session leader (this build's) is
    // outside: exactly what CI sandboxes look like.
    Process child =
        start(
            new ProcessBuilder(
                    "unshare",
                    "--pid",
                    "--fork",
                    "--mount-proc",
                    java.toString(),
                    "-XX:-UsePerfData",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    childClasspath(),
                    CriuCheckpointChild.class.getName(),
                    tmp.resolve("images").toString(),
                    criu.binary().toString(),
                    criu.libcriu().toString(),
                    "1",
                    "1")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true));
    String output = new String(child.getInputStream().readAllBytes());
    assertTrue(child.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
    assertEquals(1, child.exitValue(), output);
    assertTrue(output.contains("this JVM's session leader is outside its pid namespace"), output);
    assertTrue(output.contains("setsid java"), output);
  }

  private Process start(ProcessBuilder pb) throws IOException {
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** The classpath the child needs: this module's classes, its test classes, and JNA. */
  private static String childClasspath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (Class<?> c :
        List.of(CriuCheckpointChild.class, CriuCheckpointEngine.class, Native.class)) {
      String e = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      if (!entries.contains(e)) {
        entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static List<String> awaitOutput(
      Path out, Path err, Path images, String what, Predicate<List<String>> done, Process child)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
    while (true) {
      List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
      if (done.test(lines)) {
        return lines;
      }
      if (!child.isAlive()) {
        fail(
            "the child exited (status "
                + child.exitValue()
                + ") before "
                + what
                + "; "
                + diagnostics(out, err, images));
      }
      if (System.nanoTime() > deadline) {
        fail("hang guard: still waiting for " + what + "; " + diagnostics(out, err, images));
      }
      Thread.sleep(20);
    }
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static Matcher match(Pattern p, List<String> lines) {
    for (String l : lines) {
      Matcher m = p.matcher(l);
      if (m.matches()) {
        return m;
      }
    }
    throw new AssertionError("no line matching " + p + " in " + lines);
  }

  private static String diagnostics(Path out, Path err, Path images) {
    StringBuilder sb = new StringBuilder();
    sb.append("child stdout tail:")
        .append(readTail(out))
        .append("\nchild stderr tail:")
        .append(readTail(err));
    try (var logs = Files.list(images)) {
      for (Path log : (Iterable<Path>) logs.filter(p -> p.toString().endsWith(".log"))::iterator) {
        sb.append("\n").append(log.getFileName()).append(" tail:").append(readTail(log));
      }
    } catch (IOException e) {
      sb.append("\n(no image directory)");
    }
    return sb.toString();
  }

  private static String readTail(Path file) {
    try {
      List<String> l = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
      return "\n    " + String.join("\n    ", l.subList(Math.max(0, l.size() - 25), l.size()));
    } catch (IOException e) {
      return " (none)";
    }
  }

  private static String javaVersion(Path java) {
    try {
      Path release = java.toRealPath().getParent().getParent().resolve("release");
      for (String l : Files.readAllLines(release)) {
        if (l.startsWith("JAVA_VERSION=")) {
          return "Java " + l.substring("JAVA_VERSION=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return java.toString();
  }
}
