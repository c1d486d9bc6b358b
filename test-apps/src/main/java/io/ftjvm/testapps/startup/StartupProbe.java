package io.ftjvm.testapps.startup;

import java.time.Duration;

/**
 * Does nothing but report what its start cost: the process's CPU time when {@code main} runs, all
 * threads included (the JIT compilers, and an agent's premain when there is one). A benchmark runs
 * it with and without the agent to see what the agent adds to every JVM it starts in.
 *
 * <pre>
 * cpu_ms=&lt;the process's CPU time so far, in milliseconds, or -1 if the OS does not say&gt;
 * </pre>
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) {
    long cpuMillis =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    System.out.println("cpu_ms=" + cpuMillis);
  }
}
