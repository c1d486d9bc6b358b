package io.ftjvm.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsAreDocumented() {
    AgentConfig config = AgentConfig.resolve(null, new Properties(), Map.of());
    assertEquals(AgentMode.RECORD, config.mode);
    assertTrue(config.dir.toString().startsWith("ftjvm-recordings"));
    assertEquals(config.dir.resolve("agent.log"), config.log);
    assertEquals(86, config.divergenceExitCode);
    assertEquals(30, config.stallTimeoutSeconds);
    assertTrue(
        config.captureClock
            && config.captureRandom
            && config.captureIdentityHash
            && config.captureSocket);
  }

  @Test
  void theTransformationCacheFollowsXdgUnlessSetOrOff() {
    assertEquals(
        Path.of(System.getProperty("user.home"), ".cache", "ftjvm", "transformations"),
        AgentConfig.resolve(null, new Properties(), Map.of()).transformCache);
    assertEquals(
        Path.of("/xdg", "ftjvm", "transformations"),
        AgentConfig.resolve(null, new Properties(), Map.of("XDG_CACHE_HOME", "/xdg"))
            .transformCache);
    assertEquals(
        Path.of("/mine"),
        AgentConfig.resolve("transformCache=/mine", new Properties(), Map.of()).transformCache);
    assertNull(
        AgentConfig.resolve(
                null,
                new Properties(),
                Map.of("FTJVM_TRANSFORM_CACHE", "off", "XDG_CACHE_HOME", "/x"))
            .transformCache);
  }

  @Test
  void agentArgumentsWinOverPropertiesWhichWinOverEnvironment() {
    Properties properties = props("ftjvm.dir", "from-property", "ftjvm.logLevel", "debug");
    Map<String, String> env =
        Map.of(
            "FTJVM_DIR",
            "from-env",
            "FTJVM_LOG_LEVEL",
            "error",
            "FTJVM_STALL_TIMEOUT_SECONDS",
            "7");
    AgentConfig config = AgentConfig.resolve("dir=from-args", properties, env);
    assertEquals(Path.of("from-args"), config.dir);
    assertEquals("debug", config.logLevel);
    assertEquals(7, config.stallTimeoutSeconds);
  }

  @Test
  void replayNeedsADirectoryAndLogsNowhereByDefault() {
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () -> AgentConfig.resolve("mode=replay", new Properties(), Map.of()));
    assertTrue(missing.getMessage().contains("dir="), missing.getMessage());
    AgentConfig config = AgentConfig.resolve("mode=replay,dir=r", new Properties(), Map.of());
    assertNull(config.log);
  }

  @Test
  void badValuesNameTheOptionAndWhereItCameFrom() {
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> AgentConfig.resolve("colour=blue", new Properties(), Map.of()));
    assertTrue(
        unknown.getMessage().contains("colour") && unknown.getMessage().contains("known:"),
        unknown.getMessage());

    ConfigException mode =
        assertThrows(
            ConfigException.class,
            () -> AgentConfig.resolve(null, props("ftjvm.mode", "rewind"), Map.of()));
    assertTrue(mode.getMessage().contains("system property 'ftjvm.mode'"), mode.getMessage());

    ConfigException number =
        assertThrows(
            ConfigException.class,
            () ->
                AgentConfig.resolve(
                    null, new Properties(), Map.of("FTJVM_DIVERGENCE_EXIT_CODE", "lots")));
    assertTrue(number.getMessage().contains("FTJVM_DIVERGENCE_EXIT_CODE"), number.getMessage());

    ConfigException range =
        assertThrows(
            ConfigException.class,
            () -> AgentConfig.resolve("divergenceExitCode=0", new Properties(), Map.of()));
    assertTrue(range.getMessage().contains("between 1 and 255"), range.getMessage());

    ConfigException flag =
        assertThrows(
            ConfigException.class,
            () -> AgentConfig.resolve("captureClock=yes", new Properties(), Map.of()));
    assertTrue(flag.getMessage().contains("true or false"), flag.getMessage());

    ConfigException malformed =
        assertThrows(
            ConfigException.class, () -> AgentConfig.resolve("mode", new Properties(), Map.of()));
    assertTrue(malformed.getMessage().contains("name=value"), malformed.getMessage());
  }

  @Test
  void captureCanBeSwitchedOffOneSourceAtATime() {
    AgentConfig config = AgentConfig.resolve("captureSocket=false", new Properties(), Map.of());
    assertFalse(config.captureSocket);
    assertTrue(config.captureClock);
  }

  @Test
  void everyOptionIsInTheConfigurationDocument() throws Exception {
    Path doc =
        Path.of(System.getProperty("ftjvm.repo.root", "..")).resolve("docs/configuration.md");
    String text = Files.readString(doc);
    for (String name : AgentConfig.names()) {
      assertTrue(
          text.contains("`" + name + "`"), "docs/configuration.md does not document " + name);
      assertTrue(
          text.contains(ConfigSource.environmentName(name)),
          "docs/configuration.md lacks the variable of " + name);
    }
  }
}
