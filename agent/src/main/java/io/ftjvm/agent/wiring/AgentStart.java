package io.ftjvm.agent.wiring;

import io.ftjvm.agent.config.AgentConfig;
import io.ftjvm.agent.config.AgentMode;
import io.ftjvm.agent.config.ConfigException;
import io.ftjvm.agent.ft.FtSession;
import io.ftjvm.agent.record.RecordSession;
import io.ftjvm.agent.replay.ReplayStart;
import io.ftjvm.bootstrap.AgentLog;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.instrumentation.CaptureInstaller;
import io.ftjvm.instrumentation.CaptureModule;
import io.ftjvm.instrumentation.cache.CacheIdentity;
import io.ftjvm.instrumentation.cache.TransformationCache;
import io.ftjvm.instrumentation.callsite.CallSiteInstrumentation;
import io.ftjvm.instrumentation.callsite.ReflectedReportInstrumentation;
import io.ftjvm.instrumentation.clock.ClockInstrumentation;
import io.ftjvm.instrumentation.console.ConsoleInstrumentation;
import io.ftjvm.instrumentation.interrupt.InterruptInstrumentation;
import io.ftjvm.instrumentation.jvmservice.JvmServiceInstrumentation;
import io.ftjvm.instrumentation.lifecycle.LifecycleInstrumentation;
import io.ftjvm.instrumentation.random.RandomInstrumentation;
import io.ftjvm.instrumentation.socket.SocketInstrumentation;
import io.ftjvm.instrumentation.sync.SyncInstrumentation;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's real start, in its private class loader: resolve the configuration, open the log,
 * grant module access, install the capture, then start recording or replaying.
 */
public final class AgentStart {
  private AgentStart() {}

  public static void start(String args, Instrumentation inst, boolean attached, String agentJar) {
    AgentConfig config;
    try {
      config = AgentConfig.resolve(args, System.getProperties(), System.getenv());
    } catch (ConfigException e) {
      refuse("configuration error: " + e.getMessage());
      return;
    }
    if (config.mode == AgentMode.OFF) {
      return;
    }
    if (attached) {
      refuse(
          "record and replay need the agent from the start of the JVM (-javaagent or ./ftjvm record);"
              + " attaching to a running JVM is for fault-tolerance mode, which is not available yet");
      return;
    }
    try {
      // The recording must be created (or refused) before anything else writes into its directory.
      RecordingWriter writer =
          config.mode == AgentMode.RECORD
              ? RecordSession.create(config)
              : config.mode == AgentMode.FT ? FtSession.create(config) : null;
      AgentFileLog log = AgentFileLog.open(config.log, config.logLevel);
      AgentLog.install(log);
      ModuleAccess.grant(inst, AgentStart.class.getModule());
      if (config.mode == AgentMode.FT) {
        FtSession.start(config, writer, log, () -> install(inst, config, log, agentJar));
      } else if (writer != null) {
        RecordSession.start(writer, log, () -> install(inst, config, log, agentJar));
      } else {
        ReplayStart.start(config, log, () -> install(inst, config, log, agentJar));
      }
    } catch (StartRefused e) {
      refuse(e.getMessage());
    } catch (Exception e) {
      refuse("could not start: " + e);
    }
  }

  private static void install(
      Instrumentation inst, AgentConfig config, AgentFileLog log, String agentJar) {
    long started = System.nanoTime();
    io.ftjvm.bootstrap.Hooks.preload();
    List<CaptureModule> modules = new ArrayList<>();
    modules.add(new LifecycleInstrumentation());
    modules.add(new JvmServiceInstrumentation());
    ClassLoader agentLoader = AgentStart.class.getClassLoader();
    modules.add(
        new CallSiteInstrumentation(
            config.captureClock, config.captureIdentityHash, config.captureLocks, agentLoader));
    if (config.captureClock) {
      modules.add(new ClockInstrumentation());
      modules.add(new ReflectedReportInstrumentation());
    }
    if (config.captureRandom) {
      modules.add(new RandomInstrumentation());
    }
    if (config.captureSocket) {
      modules.add(new SocketInstrumentation());
    }
    if (config.captureLocks) {
      modules.add(new SyncInstrumentation(agentLoader));
      modules.add(new InterruptInstrumentation());
    }
    if (config.captureConsole) {
      modules.add(new ConsoleInstrumentation());
    }
    TransformationCache cache = openCache(config, agentJar, modules, log);
    CaptureInstaller.install(inst, modules, agentLoader, config.excludeClasses, cache);
    if (!config.excludeClasses.isEmpty()) {
      log.info("not instrumented: classes starting with " + config.excludeClasses);
    }
    // The time it took is most of the agent's start-up cost: worth seeing in the log.
    log.info(
        "instrumentation installed in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms: "
            + modules.stream().map(CaptureModule::name).toList());
    if (cache != null) {
      try {
        log.info(cache.saveIfChanged());
      } catch (IOException e) {
        log.info("transformation cache not saved (the next start transforms afresh): " + e);
      }
    }
  }

  /**
   * The transformation cache for this agent build, JDK and capture settings, or null when it is
   * off. Whatever goes wrong with it only costs start-up time: the agent logs it and transforms.
   */
  private static TransformationCache openCache(
      AgentConfig config, String agentJar, List<CaptureModule> modules, AgentFileLog log) {
    if (config.transformCache == null) {
      return null;
    }
    String capture =
        modules.stream().map(CaptureModule::name).toList()
            + " clock="
            + config.captureClock
            + " hash="
            + config.captureIdentityHash
            + " locks="
            + config.captureLocks
            + " excluded="
            + config.excludeClasses;
    try {
      TransformationCache cache =
          TransformationCache.open(
              config.transformCache, CacheIdentity.of(Path.of(agentJar), capture));
      if (cache.damage() != null) {
        log.info("transformation cache: " + cache.damage());
      }
      return cache;
    } catch (IOException | RuntimeException e) {
      log.info("transformation cache not used: " + e);
      return null;
    }
  }

  private static void refuse(String message) {
    Refusal.stop(message);
  }
}
