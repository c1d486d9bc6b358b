package io.ftjvm.agent.config;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's typed configuration. Every option, its default and its meaning is listed in {@link
 * #OPTIONS} and documented in docs/configuration.md (a test keeps the two in step).
 */
public final class AgentConfig {
  /** name, default, meaning. */
  public static final List<String[]> OPTIONS =
      List.of(
          new String[] {"mode", "record", "record, replay, ft (fault tolerance) or off"},
          new String[] {
            "state", "required (ft)", "ft: the state directory (log, checkpoints, recoveries)"
          },
          new String[] {
            "checkpointIntervalSeconds",
            "30",
            "ft: take a checkpoint this often (0: only at start, by size and on request)"
          },
          new String[] {
            "checkpointLogBytes",
            "67108864",
            "ft: also take a checkpoint whenever the log grew by this many bytes (0: never)"
          },
          new String[] {"keepCheckpoints", "3", "ft: how many complete checkpoints to keep"},
          new String[] {
            "groupCommit",
            "true",
            "ft: share one disk sync among concurrent inputs and outputs (false: one sync each)"
          },
          new String[] {
            "criu",
            "<ftjvm home>/.ftjvm/criu, then the PATH",
            "ft: the criu binary (ftjvm run passes the one it checked)"
          },
          new String[] {"libcriu", "next to criu", "ft: libcriu.so.2, which the agent calls"},
          new String[] {
            "dir",
            "ftjvm-recordings/<date>-<pid> (record); required (replay)",
            "the recording directory"
          },
          new String[] {
            "log", "<dir>/agent.log when recording, none when replaying", "the agent's own log file"
          },
          new String[] {"logLevel", "info", "error, info or debug"},
          new String[] {"captureClock", "true", "capture clock reads"},
          new String[] {
            "captureRandom", "true", "capture random seeds, ThreadLocalRandom and SecureRandom"
          },
          new String[] {"captureIdentityHash", "true", "capture identity hash codes"},
          new String[] {"captureSocket", "true", "capture socket input and connections"},
          new String[] {"captureConsole", "true", "record stdout, and compare it when replaying"},
          new String[] {
            "captureLocks",
            "true",
            "capture the order of synchronisation (monitors, wait, java.util.concurrent locks)"
          },
          new String[] {
            "excludeClasses",
            "none",
            "class name prefixes, separated by ';', whose classes are not instrumented (tools"
                + " around the program, such as a benchmark harness)"
          },
          new String[] {
            "transformCache",
            "$XDG_CACHE_HOME/ftjvm/transformations, else ~/.cache/ftjvm/transformations",
            "where the agent keeps what it made of the JDK classes, to start faster next time"
                + " (off: transform them on every start)"
          },
          new String[] {
            "verdict", "none", "replay: file where the verdict is written (used by ./ftjvm replay)"
          },
          new String[] {
            "divergenceExitCode",
            "86",
            "replay: exit status when the run diverges from the recording"
          },
          new String[] {
            "stallTimeoutSeconds",
            "30",
            "replay: give up (and report) after this long without progress"
          },
          new String[] {
            "allowJavaMismatch",
            "false",
            "replay: allow a Java feature version other than the recording's"
          },
          new String[] {
            "replayJitterMicros",
            "0",
            "replay: random pauses of up to this many microseconds before lock events (scheduling"
                + " noise, for testing)"
          });

  public final AgentMode mode;
  public final Path dir;
  public final Path log;
  public final String logLevel;
  public final boolean captureClock;
  public final boolean captureRandom;
  public final boolean captureIdentityHash;
  public final boolean captureSocket;
  public final boolean captureLocks;
  public final boolean captureConsole;
  public final List<String> excludeClasses;

  /** Null when the transformation cache is off. */
  public final Path transformCache;

  public final int replayJitterMicros;
  public final Path verdict;
  public final int divergenceExitCode;
  public final int stallTimeoutSeconds;
  public final boolean allowJavaMismatch;
  public final Path state;
  public final int checkpointIntervalSeconds;
  public final long checkpointLogBytes;
  public final int keepCheckpoints;
  public final boolean groupCommit;
  public final Path criu;
  public final Path libcriu;

  private AgentConfig(ConfigSource source) {
    for (String given : source.agentArgs().keySet()) {
      if (OPTIONS.stream().noneMatch(o -> o[0].equals(given))) {
        throw new ConfigException(
            "unknown agent argument '" + given + "'; known: " + String.join(", ", names()));
      }
    }
    mode = enumOption(source, "mode", AgentMode.RECORD);
    String dirValue = string(source, "dir", null);
    if (dirValue == null && mode == AgentMode.REPLAY) {
      throw new ConfigException("mode=replay needs dir=<recording directory>");
    }
    String stateValue = string(source, "state", null);
    if (stateValue == null && mode == AgentMode.FT) {
      throw new ConfigException("mode=ft needs state=<state directory> (./ftjvm run sets it)");
    }
    state = stateValue == null ? null : Path.of(stateValue).toAbsolutePath();
    dir =
        mode == AgentMode.FT
            ? state.resolve("recording")
            : dirValue != null ? Path.of(dirValue) : defaultRecordingDir();
    String logValue = string(source, "log", null);
    log =
        logValue != null
            ? Path.of(logValue)
            : mode == AgentMode.RECORD
                ? dir.resolve("agent.log")
                : mode == AgentMode.FT ? state.resolve("agent.log") : null;
    logLevel = string(source, "logLevel", "info");
    if (!List.of("error", "info", "debug").contains(logLevel)) {
      throw new ConfigException("logLevel must be error, info or debug, not '" + logLevel + "'");
    }
    captureClock = bool(source, "captureClock", true);
    captureRandom = bool(source, "captureRandom", true);
    captureIdentityHash = bool(source, "captureIdentityHash", true);
    captureSocket = bool(source, "captureSocket", true);
    captureLocks = bool(source, "captureLocks", true);
    captureConsole = bool(source, "captureConsole", true);
    String excluded = string(source, "excludeClasses", "");
    excludeClasses =
        java.util.Arrays.stream(excluded.split(";"))
            .map(String::trim)
            .filter(prefix -> !prefix.isEmpty())
            .toList();
    String cacheValue = string(source, "transformCache", null);
    transformCache =
        "off".equals(cacheValue)
            ? null
            : cacheValue != null ? Path.of(cacheValue) : defaultTransformCache(source.env());
    replayJitterMicros = integer(source, "replayJitterMicros", 0, 0, 1_000_000);
    String verdictValue = string(source, "verdict", null);
    verdict = verdictValue != null ? Path.of(verdictValue) : null;
    divergenceExitCode = integer(source, "divergenceExitCode", 86, 1, 255);
    stallTimeoutSeconds = integer(source, "stallTimeoutSeconds", 30, 1, 86_400);
    allowJavaMismatch = bool(source, "allowJavaMismatch", false);
    checkpointIntervalSeconds = integer(source, "checkpointIntervalSeconds", 30, 0, 86_400);
    checkpointLogBytes = integer(source, "checkpointLogBytes", 64 << 20, 0, Integer.MAX_VALUE);
    keepCheckpoints = integer(source, "keepCheckpoints", 3, 1, 1000);
    groupCommit = bool(source, "groupCommit", true);
    String criuValue = string(source, "criu", null);
    criu = criuValue == null ? null : Path.of(criuValue);
    String libcriuValue = string(source, "libcriu", null);
    libcriu = libcriuValue == null ? null : Path.of(libcriuValue);
  }

  /** Resolves the configuration: agent arguments, then system properties, then environment. */
  public static AgentConfig resolve(
      String agentArgs, Properties properties, Map<String, String> env) {
    return new AgentConfig(new ConfigSource(agentArgs, properties, env));
  }

  public static List<String> names() {
    return OPTIONS.stream().map(o -> o[0]).toList();
  }

  private static Path defaultRecordingDir() {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("ftjvm-recordings", stamp + "-" + ProcessHandle.current().pid());
  }

  /** The XDG cache directory, as other tools on the machine use it. */
  private static Path defaultTransformCache(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("ftjvm").resolve("transformations");
  }

  private static String string(ConfigSource source, String name, String fallback) {
    String[] found = source.lookup(name);
    return found == null ? fallback : found[0];
  }

  private static boolean bool(ConfigSource source, String name, boolean fallback) {
    String[] found = source.lookup(name);
    if (found == null) {
      return fallback;
    }
    if (found[0].equalsIgnoreCase("true") || found[0].equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(found[0]);
    }
    throw new ConfigException(found[1] + " must be true or false, not '" + found[0] + "'");
  }

  private static int integer(ConfigSource source, String name, int fallback, int min, int max) {
    String[] found = source.lookup(name);
    if (found == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(found[0].trim());
      if (value < min || value > max) {
        throw new ConfigException(
            found[1] + " must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(found[1] + " must be a whole number, not '" + found[0] + "'");
    }
  }

  private static AgentMode enumOption(ConfigSource source, String name, AgentMode fallback) {
    String[] found = source.lookup(name);
    if (found == null) {
      return fallback;
    }
    try {
      return AgentMode.valueOf(found[0].trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          found[1] + " must be record, replay, ft or off, not '" + found[0] + "'");
    }
  }
}
