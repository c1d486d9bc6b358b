package io.ftjvm.replayer.supervisor;

/**
 * An application process the supervisor waits for.
 *
 * @param process what to wait for: the JVM itself after a launch, CRIU (process 1 of the restored
 *     pid namespace, which ends when the restored JVM ends) after a restore
 * @param appPid host pid of the JVM, or -1 when it was not seen (it ended at once)
 * @param recovery the recovery it was restored by, or null for a fresh launch
 */
public record StartedApp(Process process, long appPid, PreparedRecovery recovery) {

  public boolean restored() {
    return recovery != null;
  }
}
