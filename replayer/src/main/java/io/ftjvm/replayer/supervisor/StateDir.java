package io.ftjvm.replayer.supervisor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of a fault-tolerance state directory (docs/fault-tolerance.md, "The state directory"):
 * one place that knows every file name, so the supervisor, {@code ftjvm status} and {@code ftjvm
 * checkpoint} cannot disagree about them.
 */
public final class StateDir {

  public static final String RUN_PROPERTIES = "ftjvm-run.properties";
  public static final String RECOVERY_PROPERTIES = "recovery.properties";

  /** Written by the agent into a recovery directory once the restored process went live. */
  public static final String LIVE = "live";

  /**
   * Written by the agent into a recovery directory when the replay diverged, before it exits with
   * status 86. Needed because a process restored by CRIU does not pass its exit status through CRIU
   * (measured with CRIU 4.2.1: it exits 0 however the restored process ended).
   */
  public static final String DIVERGED = "diverged";

  /**
   * Written by the supervisor into a recovery directory that could not be used, with the reason.
   */
  public static final String FAILED = "failed";

  private final Path root;

  private StateDir(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  public static StateDir of(Path root) {
    return new StateDir(root);
  }

  public Path root() {
    return root;
  }

  public Path runProperties() {
    return root.resolve(RUN_PROPERTIES);
  }

  public Path appOut() {
    return root.resolve("app.out");
  }

  public Path appErr() {
    return root.resolve("app.err");
  }

  public Path appPid() {
    return root.resolve("app.pid");
  }

  public Path supervisorLog() {
    return root.resolve("supervisor.log");
  }

  public Path agentLog() {
    return root.resolve("agent.log");
  }

  /** CRIU's own stdout/stderr during restores (the restored app's fds are restored by CRIU). */
  public Path criuRestoreOut() {
    return root.resolve("criu-restore.out");
  }

  public Path recording() {
    return root.resolve("recording");
  }

  public Path threads() {
    return recording().resolve("threads");
  }

  /** Exists only when the application ended normally. */
  public Path endFile() {
    return recording().resolve("end.bin");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path recoveries() {
    return root.resolve("recovery");
  }

  /** Holds the absolute path of the recovery directory the restored agent must use. */
  public Path currentRecovery() {
    return recoveries().resolve("current");
  }

  public Path control() {
    return root.resolve("control");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
