package io.ftjvm.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where option values come from, in precedence order: agent arguments ({@code
 * -javaagent:ftjvm-agent.jar=mode=record,dir=out}), then system properties ({@code
 * -Dftjvm.dir=out}), then environment variables ({@code FTJVM_DIR=out}).
 */
final class ConfigSource {
  private final Map<String, String> agentArgs;
  private final Properties systemProperties;
  private final Map<String, String> environment;

  ConfigSource(String agentArgs, Properties systemProperties, Map<String, String> environment) {
    this.agentArgs = parseAgentArgs(agentArgs);
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  Map<String, String> agentArgs() {
    return agentArgs;
  }

  /** The environment, for defaults that follow other tools' variables (XDG_CACHE_HOME). */
  Map<String, String> env() {
    return environment;
  }

  /** The value and a description of where it came from, or null when unset everywhere. */
  String[] lookup(String name) {
    if (agentArgs.containsKey(name)) {
      return new String[] {agentArgs.get(name), "agent argument '" + name + "'"};
    }
    String property = systemProperties.getProperty("ftjvm." + name);
    if (property != null) {
      return new String[] {property, "system property 'ftjvm." + name + "'"};
    }
    String envName = environmentName(name);
    String env = environment.get(envName);
    if (env != null) {
      return new String[] {env, "environment variable '" + envName + "'"};
    }
    return null;
  }

  /** {@code stallTimeoutSeconds} becomes {@code FTJVM_STALL_TIMEOUT_SECONDS}. */
  static String environmentName(String name) {
    return "FTJVM_"
        + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  private static Map<String, String> parseAgentArgs(String args) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return parsed;
    }
    for (String part : args.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "agent argument '"
                + part
                + "' is not of the form name=value (arguments: "
                + args
                + ")");
      }
      parsed.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return parsed;
  }
}
