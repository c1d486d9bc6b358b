package io.ftjvm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent keeps what it made of the JDK classes in its transformation cache: the first start
 * fills it, the next reuses it, and recordings made either way replay. A damaged cache file is
 * named in the agent's log, costs only the time to transform again, and is rewritten.
 */
class TransformationCacheIT {
  private static final String APP = "io.ftjvm.testapps.bank.Bank";
  private static final Pattern SUMMARY =
      Pattern.compile("transformation cache (\\S+): (\\d+) JDK classes reused, (\\d+) transformed");

  @TempDir Path work;
  private final Map<Path, String> printed = new java.util.HashMap<>();

  @Test
  void theSecondStartReusesTheFirstStartsJdkClassesAndADamagedFileIsRewritten() throws Exception {
    Map<String, String> env = Map.of("FTJVM_TRANSFORM_CACHE", work.resolve("cache").toString());

    Path cold = record(env, "cold");
    Matcher first = summary(cold);
    // Nothing to reuse from an earlier start (a class retransformed from the same bytes within
    // the start is reused: Java 25 does that to one).
    assertTrue(Integer.parseInt(first.group(2)) < 5, first.group());
    assertTrue(Integer.parseInt(first.group(3)) > 100, first.group());
    assertTrue(agentLog(cold).contains("saved for the next start"), agentLog(cold));

    Path warm = record(env, "warm");
    Matcher second = summary(warm);
    assertTrue(Integer.parseInt(second.group(2)) > 100, second.group());
    assertEquals(first.group(1), second.group(1), "the same agent, JDK and settings: one file");
    replayMatches(env, cold);
    replayMatches(env, warm);

    Path file = Path.of(first.group(1));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 3] ^= 0x10;
    Files.write(file, bytes);
    Path afterDamage = record(env, "after-damage");
    String log = agentLog(afterDamage);
    assertTrue(log.contains(file + " cannot be used (checksum"), log);
    assertTrue(Integer.parseInt(summary(afterDamage).group(2)) < 5, log);
    assertTrue(log.contains("saved for the next start"), log);
    replayMatches(env, afterDamage);

    Matcher rewritten = summary(record(env, "rewritten"));
    assertTrue(Integer.parseInt(rewritten.group(2)) > 100, rewritten.group());
    try (Stream<Path> files = Files.list(work.resolve("cache"))) {
      assertEquals(List.of(file), files.toList(), "no temporary files left behind");
    }
  }

  @Test
  void offTransformsEveryTimeAndWritesNothing() throws Exception {
    Path cache = work.resolve("cache");
    Map<String, String> env = Map.of("FTJVM_TRANSFORM_CACHE", "off");
    Path recording =
        record(Map.of("FTJVM_TRANSFORM_CACHE", "off", "XDG_CACHE_HOME", cache.toString()), "off");
    assertTrue(!agentLog(recording).contains("transformation cache"), agentLog(recording));
    assertTrue(!Files.exists(cache), "nothing written under XDG_CACHE_HOME");
    replayMatches(env, recording);
  }

  private Path record(Map<String, String> env, String name) throws Exception {
    Path out = work.resolve(name);
    printed.put(
        out,
        Ftjvm.ftjvm(work, env, Ftjvm.record(out, Ftjvm.java(APP, "20"))).expectStatus(0).stdout());
    return out;
  }

  private void replayMatches(Map<String, String> env, Path recording) throws Exception {
    Ftjvm.Result replayed = Ftjvm.ftjvm(work, env, "replay", recording.toString()).expectStatus(0);
    assertTrue(replayed.stdout().length() > 0);
    assertEquals(printed.get(recording), replayed.stdout());
  }

  private static Matcher summary(Path recording) throws Exception {
    String log = agentLog(recording);
    Matcher m = SUMMARY.matcher(log);
    assertTrue(m.find(), log);
    return m;
  }

  private static String agentLog(Path recording) throws Exception {
    return Files.readString(recording.resolve("agent.log"));
  }
}
