package io.ftjvm.testapps.nondet;

import io.ftjvm.testapps.common.Args;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Single-threaded program whose stdout depends on every JDK source of nondeterminism that a
 * recorder must capture: wall clocks (also read in a lambda and through a method reference),
 * monotonic clock deltas, java.time "now" factories, every random generator (Random, Math.random,
 * ThreadLocalRandom, SecureRandom, UUID) and identity hash codes (directly, through
 * Object.toString, and through the iteration order of hash collections keyed by objects or enum
 * constants that do not override hashCode), and what the JVM reports about itself (its process id,
 * uptime, free memory, CPU time) and about the machine (its load and free memory), also read by
 * reflection.
 *
 * <p>Two plain runs print different output; a replay of a recording must print the recording's
 * output byte for byte. The last line is a digest of all previous lines, so a test can compare a
 * single line.
 *
 * <pre>
 * iterations &lt;n&gt;
 * process &lt;pid&gt; (&lt;RuntimeMXBean name: pid@host&gt;)
 * &lt;i&gt; &lt;source&gt; &lt;value&gt;      (20 lines per iteration, i from 0, sources in the order below)
 * process uptime &lt;ms&gt; ms, free memory &lt;bytes&gt; B, CPU time &lt;ns&gt; ns
 * machine load average &lt;load&gt;, process CPU load &lt;0..1&gt;, free memory &lt;bytes&gt; B, heap used &lt;bytes&gt; B
 * by reflection: process CPU time &lt;ns&gt; ns, uptime &lt;ms&gt; ms, pid &lt;pid&gt;   (Method.invoke; the uptime through the MBeanServer)
 * digest &lt;64 hex chars: SHA-256 of every previous line, each followed by '\n'&gt;
 * </pre>
 */
public final class NondeterminismShowcase {
  private static final String USAGE =
      "usage: NondeterminismShowcase [iterations]   (default 3, 1..100000)";

  /** No hashCode/toString override: both come from the identity hash code. */
  private static final class Label {
    final String name;

    Label(String name) {
      this.name = name;
    }
  }

  /** Enum hashCode is the identity hash code, so HashMap order differs between runs. */
  private enum Color {
    RED,
    ORANGE,
    YELLOW,
    GREEN,
    BLUE,
    INDIGO,
    VIOLET,
    BLACK,
    WHITE,
    GREY
  }

  private final MessageDigest digest;

  /** Clock reads in a lambda body (a synthetic method) and through a method reference. */
  private static final LongSupplier MILLIS_IN_A_LAMBDA = () -> System.currentTimeMillis() + 0;

  private static final LongSupplier MILLIS_BY_REFERENCE = System::currentTimeMillis;

  private NondeterminismShowcase() throws NoSuchAlgorithmException {
    digest = MessageDigest.getInstance("SHA-256");
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int iterations = args.intPositional(0, "iterations", 3, 1, 100_000);
    new NondeterminismShowcase().run(iterations);
  }

  private void run(int iterations) throws Exception {
    emit("iterations " + iterations);
    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    emit("process " + ProcessHandle.current().pid() + " (" + runtime.getName() + ")");
    SecureRandom secure = new SecureRandom();
    long previousNanos = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      String p = i + " ";
      emit(p + "currentTimeMillis " + System.currentTimeMillis());
      long now = System.nanoTime();
      emit(p + "nanoTimeDelta " + (now - previousNanos));
      previousNanos = now;
      emit(p + "lambda.currentTimeMillis " + MILLIS_IN_A_LAMBDA.getAsLong());
      emit(p + "methodReference.currentTimeMillis " + MILLIS_BY_REFERENCE.getAsLong());
      emit(p + "Instant.now " + Instant.now());
      emit(p + "Clock.millis " + Clock.systemUTC().millis());
      emit(p + "Clock.instant " + Clock.systemUTC().instant());
      emit(p + "LocalDateTime.now " + LocalDateTime.now());
      emit(p + "ZonedDateTime.now " + ZonedDateTime.now());
      emit(p + "Random.nextInt " + new Random().nextInt());
      emit(p + "Math.random " + Math.random());
      emit(p + "ThreadLocalRandom.nextInt " + ThreadLocalRandom.current().nextInt());
      emit(p + "SecureRandom.nextInt " + new SecureRandom().nextInt());
      byte[] bytes = new byte[16];
      secure.nextBytes(bytes);
      emit(p + "SecureRandom.nextBytes " + HexFormat.of().formatHex(bytes));
      emit(p + "UUID.randomUUID " + UUID.randomUUID());
      emit(p + "HashSet.order " + hashSetOrder());
      emit(p + "HashMap.order " + hashMapOrder());
      emit(p + "identityHashCode " + System.identityHashCode(new Object()));
      emit(p + "Object.toString " + new Label("x"));
      emit(p + "EnumHashMap.order " + enumMapOrder());
    }
    emit(
        "process uptime "
            + runtime.getUptime()
            + " ms, free memory "
            + Runtime.getRuntime().freeMemory()
            + " B, CPU time "
            + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
            + " ns");
    com.sun.management.OperatingSystemMXBean machine =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    emit(
        "machine load average "
            + machine.getSystemLoadAverage()
            + ", process CPU load "
            + machine.getProcessCpuLoad()
            + ", free memory "
            + machine.getFreeMemorySize()
            + " B, heap used "
            + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
            + " B");
    // As metrics libraries read what only some JDKs have, and as a program asks the platform
    // MBeanServer: by reflection.
    Object processCpuTime =
        Class.forName("com.sun.management.OperatingSystemMXBean")
            .getMethod("getProcessCpuTime")
            .invoke(machine);
    Object uptime =
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(new javax.management.ObjectName("java.lang:type=Runtime"), "Uptime");
    Object pid = RuntimeMXBean.class.getMethod("getPid").invoke(runtime);
    emit(
        "by reflection: process CPU time "
            + processCpuTime
            + " ns, uptime "
            + uptime
            + " ms, pid "
            + pid);
    System.out.println("digest " + HexFormat.of().formatHex(digest.digest()));
    System.out.flush();
  }

  private static String hashSetOrder() {
    Set<Label> set = new HashSet<>();
    for (char c = 'a'; c <= 'l'; c++) {
      set.add(new Label(String.valueOf(c)));
    }
    StringJoiner j = new StringJoiner(",");
    for (Label l : set) {
      j.add(l.name);
    }
    return j.toString();
  }

  private static String hashMapOrder() {
    Map<Label, Integer> map = new HashMap<>();
    for (int k = 0; k < 12; k++) {
      map.put(new Label("m" + k), k);
    }
    StringJoiner j = new StringJoiner(",");
    for (Map.Entry<Label, Integer> e : map.entrySet()) {
      j.add(e.getKey().name + "=" + e.getValue());
    }
    return j.toString();
  }

  private static String enumMapOrder() {
    Map<Color, Integer> map = new HashMap<>();
    for (Color c : Color.values()) {
      map.put(c, c.ordinal());
    }
    StringJoiner j = new StringJoiner(",");
    for (Color c : map.keySet()) {
      j.add(c.name());
    }
    return j.toString();
  }

  /** Prints one line and folds it into the final digest. */
  private void emit(String line) {
    System.out.println(line);
    digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
