package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.ProcStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Waits for a supervised application to end, and does not wait forever when the application's JVM
 * has ended but the process the supervisor waits on has not.
 *
 * <p>That happens when the JVM is killed while CRIU is checkpointing it. The CRIU dump service
 * (started by the JVM's own {@code criu_dump()}, and outliving it) has seized some of the JVM's
 * threads; when the process dies under it, the dump can hang for good in {@code wait4}, observed
 * here once in about a hundred kills timed to land in a dump. The dead JVM then stays a zombie
 * traced by that CRIU, and its exit reaches nobody: neither the supervisor (the parent of a
 * launched JVM) nor {@code criu restore} (the parent of a restored one, which as process 1 of its
 * pid namespace also waits for every orphan in it, the stray dump service among them).
 *
 * <p>So once the JVM has been gone for {@link #LINGER} while what the supervisor waits on is still
 * there: first, when a CRIU process traces the dead JVM, that CRIU is killed, which lets the JVM's
 * end be seen; then, for a restored application, {@code criu restore} and what is left in its pid
 * namespace are killed. Each step is logged with the pids and command lines involved. Nothing of
 * the application is lost by it: it has already ended, and why is read from the state directory.
 */
final class ExitWatch {

  /** How long the JVM may be gone while the process waited on stays; CRIU needs milliseconds. */
  static final Duration LINGER = Duration.ofSeconds(5);

  private static final long POLL_MILLIS = 100;
  private static final int LEFTOVERS_SHOWN = 5;

  private final SupervisorLog log;
  private final ProcessTable processes;
  private final Duration linger;

  ExitWatch(SupervisorLog log, ProcessTable processes, Duration linger) {
    this.log = Objects.requireNonNull(log, "log");
    this.processes = Objects.requireNonNull(processes, "processes");
    this.linger = Objects.requireNonNull(linger, "linger");
  }

  /** The exit status of {@code app.process()}, once it has ended. */
  int await(StartedApp app) throws InterruptedException {
    Process waitedOn = app.process();
    long endedSince = -1;
    int stepsTaken = 0;
    while (!waitedOn.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      // A pid taken again by another process within the linger reads as "not ended": the
      // supervisor then waits as it would without this watch.
      if (app.appPid() <= 0 || !jvmEnded(app.appPid())) {
        endedSince = -1;
        continue;
      }
      long now = System.nanoTime();
      if (endedSince < 0) {
        endedSince = now;
      } else if (now - endedSince >= linger.toNanos()) {
        takeStep(++stepsTaken, app);
        endedSince = now; // the next step, if still needed, after another linger
      }
    }
    return waitedOn.exitValue();
  }

  private boolean jvmEnded(long pid) {
    return processes.status(pid).map(ProcStatus::ended).orElse(true);
  }

  private void takeStep(int step, StartedApp app) {
    if (step == 1) {
      releaseFromTracer(app);
    } else if (step == 2 && app.restored()) {
      killNamespace(app);
    }
  }

  private void releaseFromTracer(StartedApp app) {
    Optional<ProcStatus> status = processes.status(app.appPid());
    if (status.isEmpty() || !status.get().traced()) {
      return;
    }
    long tracer = status.get().tracerPid();
    String command = processes.commandLine(tracer).orElse("(gone)");
    if (isCriu(command)) {
      log.log(
          "the application (pid "
              + app.appPid()
              + ") died while CRIU was checkpointing it, and that CRIU (pid "
              + tracer
              + ": "
              + command
              + ") still held it "
              + span(linger)
              + " later: killed CRIU, so that the application's end is seen");
      processes.kill(tracer);
    } else {
      log.log(
          "the application (pid "
              + app.appPid()
              + ") has ended, but pid "
              + tracer
              + " ("
              + command
              + "), which traces it, still holds it; not CRIU, so left alone: waiting for it");
    }
  }

  private void killNamespace(StartedApp app) {
    ProcessHandle restore = app.process().toHandle();
    List<String> left =
        restore
            .descendants()
            .limit(LEFTOVERS_SHOWN)
            .map(p -> p.pid() + ": " + processes.commandLine(p.pid()).orElse("(gone)"))
            .collect(Collectors.toList());
    log.log(
        "the application (pid "
            + app.appPid()
            + ") has ended, but the restore that brought it back (pid "
            + restore.pid()
            + ") was still waiting "
            + span(linger.multipliedBy(2))
            + " later"
            + (left.isEmpty() ? "" : ", for:\n  " + String.join("\n  ", left) + "\n")
            + "; killed it and what was left in its pid namespace");
    JavaProcessFinder.killTree(restore);
  }

  static String span(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** CRIU names itself {@code criu: dump ...} while it dumps; its binary is named criu. */
  static boolean isCriu(String commandLine) {
    return commandLine.contains("criu")
        && (commandLine.contains("dump") || commandLine.contains("swrk"));
  }
}
