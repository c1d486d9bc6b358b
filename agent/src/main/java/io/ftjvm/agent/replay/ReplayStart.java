package io.ftjvm.agent.replay;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.record.RecordSession;
import io.ftjvm.agent.sync.ReplayedLockOrder;
import io.ftjvm.agent.wiring.AgentFileLog;
import io.ftjvm.agent.wiring.StartRefused;
import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.Hooks;
import io.ftjvm.bootstrap.ProgramStart;
import io.ftjvm.capture.AgentThreads;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.replayer.engine.ReplaySession;
import java.io.IOException;

/** Replay mode: open and check the recording, answer every event from it, judge the end. */
public final class ReplayStart {
  private ReplayStart() {}

  public static void start(AgentConfig config, AgentFileLog log, Runnable installInstrumentation) {
    Recording recording;
    try {
      recording = Recording.open(config.dir);
    } catch (IOException e) {
      throw new StartRefused("cannot replay " + config.dir + ": " + e.getMessage());
    }
    checkContext(config, recording.context());
    ReplaySession session = new ReplaySession(recording);
    ReplayedLockOrder locks = new ReplayedLockOrder(config.replayJitterMicros);
    ReplayOutcome outcome = new ReplayOutcome(config, session, locks);
    installInstrumentation.run();
    Hooks.install(ReplayHandler.forReplay(session, outcome, locks));
    Runtime.getRuntime()
        .addShutdownHook(AgentThreads.worker("ftjvm-replay-end", outcome::programEnded));
    startWatchdog(config, session, outcome);
    ProgramStart.holdUntilMainClass(AppThreads.adopt(RecordSession.MAIN_THREAD));
    log.info("replaying " + config.dir.toAbsolutePath());
  }

  /** Refuses to replay on a different Java, or a different program, than the one recorded. */
  private static void checkContext(AgentConfig config, RunContext context) {
    int recorded = feature(context.javaVersion());
    int running = Runtime.version().feature();
    if (recorded != running && !config.allowJavaMismatch) {
      throw new StartRefused(
          "the recording in "
              + config.dir
              + " was made on Java "
              + context.javaVersion()
              + " but this is Java "
              + System.getProperty("java.version")
              + "; replay with the same Java (./ftjvm replay uses the recorded java.home by default,"
              + " or --java PATH), or set allowJavaMismatch=true");
    }
    String mainClass = io.ftjvm.agent.wiring.RunContexts.mainClass();
    if (context.mainClass() != null && !context.mainClass().equals(mainClass)) {
      throw new StartRefused(
          "the recording in "
              + config.dir
              + " is of "
              + context.mainClass()
              + " but this JVM runs "
              + mainClass);
    }
    int processors = Runtime.getRuntime().availableProcessors();
    if (context.processors() > 0 && context.processors() != processors) {
      // The JDK's common pool and the program's own pools would be sized otherwise: a replay that
      // goes on would diverge later, far from the reason.
      throw new StartRefused(
          "the recording in "
              + config.dir
              + " was made in a JVM that saw "
              + context.processors()
              + " processors, and this one sees "
              + processors
              + "; replay with -XX:ActiveProcessorCount="
              + context.processors()
              + " (./ftjvm replay adds it)");
    }
  }

  private static int feature(String version) {
    try {
      return Runtime.Version.parse(version).feature();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Reports a replay that stops moving while a thread waits: at the end of its recording, or for a
   * lock turn that never comes (a data race, or threads the program did not run as recorded).
   */
  private static void startWatchdog(
      AgentConfig config, ReplaySession session, ReplayOutcome outcome) {
    Thread watchdog =
        AgentThreads.daemon(
            "ftjvm-replay-watchdog",
            () -> {
              long last = -1;
              long still = 0;
              while (true) {
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
                long now = session.replayedEvents();
                still = now == last ? still + 250 : 0;
                last = now;
                if (outcome.someThreadParkedAtEnd()) {
                  outcome.endIfAllReplayed();
                }
                if (outcome.someThreadWaiting() && still >= config.stallTimeoutSeconds * 1000L) {
                  outcome.stalled(config.stallTimeoutSeconds);
                }
              }
            });
    watchdog.start();
  }
}
