package io.ftjvm.replayer.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the application's JVM in a process tree: the launched {@code setsid} turns into it, and a
 * restored one is a child of CRIU (whose own process is {@code ld-linux...} when it runs through
 * the provisioning wrapper), so the JVM is recognised by its executable's name, {@code java}.
 */
final class JavaProcessFinder {

  private static final long POLL_MILLIS = 20;

  private JavaProcessFinder() {}

  static boolean isJava(ProcessHandle p) {
    ProcessHandle.Info info = p.info();
    return info.command()
        .map(JavaProcessFinder::namedJava)
        .orElseGet(() -> info.commandLine().map(c -> namedJava(c.split(" ", 2)[0])).orElse(false));
  }

  private static boolean namedJava(String path) {
    try {
      Path name = Path.of(path).getFileName();
      return name != null && name.toString().equals("java");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code root} itself or its first descendant that is a JVM. */
  static Optional<ProcessHandle> javaIn(ProcessHandle root) {
    if (root.isAlive() && isJava(root)) {
      return Optional.of(root);
    }
    return root.descendants().filter(JavaProcessFinder::isJava).findFirst();
  }

  /**
   * Waits until a JVM appears in {@code process}'s tree; empty when the process ended first, or
   * when {@code max} passed.
   */
  static Optional<ProcessHandle> await(Process process, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      Optional<ProcessHandle> java = javaIn(process.toHandle());
      if (java.isPresent() || !process.isAlive() || System.nanoTime() > deadline) {
        return java;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Kills a process and everything below it, the leaves first. */
  static void killTree(ProcessHandle root) {
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }
}
