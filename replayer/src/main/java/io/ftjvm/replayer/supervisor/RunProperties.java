package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.CriuInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ftjvm-run.properties}: how {@code ftjvm run} started the application (the user's command,
 * the full launch command, the agent options, the CRIU used) and the supervisor's settings, which
 * {@code ftjvm restore} reuses.
 */
public final class RunProperties {

  static final String MAX_RECOVERIES = "supervisor.maxRecoveries";

  private RunProperties() {}

  public static void write(
      StateDir state, LaunchCommand launch, CriuInstallation criu, int maxRecoveries, Clock clock)
      throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("state", state.root().toString());
    p.put("started", clock.instant().toString());
    putList(p, "command", launch.javaCommand());
    putList(p, "launch", launch.argv());
    p.put("java.featureVersion", Integer.toString(launch.javaFeatureVersion()));
    p.put("agent.jar", launch.agentJar().toString());
    p.put("agent.arguments", launch.agentArguments());
    p.put("criu.binary", criu.binary().toString());
    p.put("criu.libcriu", String.valueOf(criu.libcriu()));
    p.put("criu.version", criu.version());
    p.put(MAX_RECOVERIES, Integer.toString(maxRecoveries));
    AtomicFiles.writeString(
        state.runProperties(), PropertiesText.format("written by ftjvm run", p));
  }

  /** The limit {@code ftjvm run} was given, or {@code fallback}. */
  public static int maxRecoveries(StateDir state, int fallback) {
    if (!Files.exists(state.runProperties())) {
      return fallback;
    }
    try {
      String v = PropertiesText.read(state.runProperties()).get(MAX_RECOVERIES);
      return v == null ? fallback : Integer.parseInt(v.strip());
    } catch (IOException | NumberFormatException e) {
      return fallback;
    }
  }

  private static void putList(Map<String, String> p, String key, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      p.put(key + "." + i, values.get(i));
    }
  }
}
