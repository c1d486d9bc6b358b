package io.ftjvm.checkpoint;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reaps the zombie that every libcriu self-dump leaves behind.
 *
 * <p>For a self-dump libcriu forks a helper that daemonizes the CRIU service (fork again, then
 * exit) and afterwards waits on the service's pid instead of the helper's, so the helper stays a
 * zombie child of the JVM. It keeps its pid taken, and that pid is in every later image; a restore
 * then fails with {@code Can't fork for <pid>: File exists}. CRIU also dumps the zombie, so a
 * restored process has it too.
 *
 * <p>Only children that did not exist before the dump, and only once they are zombies, are reaped:
 * a child the application started itself is left to the JDK's own process reaper.
 */
final class ChildReaper {

  private static final Path TASKS = Path.of("/proc/self/task");

  private final LibC libc;

  ChildReaper(LibC libc) {
    this.libc = libc;
  }

  /** Pids of the current children of every thread of this process. */
  Set<Integer> children() {
    Set<Integer> out = new HashSet<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String text;
        try {
          text = Files.readString(task.resolve("children"));
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        for (String pid : text.trim().split("\\s+")) {
          if (!pid.isEmpty()) {
            out.add(Integer.parseInt(pid));
          }
        }
      }
    } catch (IOException e) {
      // no /proc: nothing can be found, nothing is reaped
    }
    return out;
  }

  /**
   * Reaps every zombie among the children not in {@code before}. Waits up to {@code maxWaitMillis}
   * for new children that have not yet exited (the helper normally has, long before the dump ends).
   *
   * @return the number of children reaped
   */
  int reapNewZombies(Set<Integer> before, long maxWaitMillis) {
    long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
    int reaped = 0;
    while (true) {
      Set<Integer> pending = new HashSet<>(children());
      pending.removeAll(before);
      boolean waiting = false;
      for (int pid : pending) {
        if (ProcStatus.read(pid).map(ProcStatus::ended).orElse(false)) {
          try {
            if (libc.waitpid(pid, new int[1], LibC.WNOHANG) == pid) {
              reaped++;
            }
          } catch (LastErrorException e) {
            // ECHILD: someone else reaped it
          }
        } else {
          waiting = true;
        }
      }
      if (!waiting || reaped > 0 || System.nanoTime() > deadline) {
        return reaped;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return reaped;
      }
    }
  }
}
