package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.util.List;

/**
 * Starts the application's processes for the {@link Supervisor}: the real one launches a JVM and
 * restores with CRIU ({@link CriuAppStarter}); tests supply scripts.
 */
public interface AppStarter {

  /** Starts the application afresh. */
  StartedApp launch() throws IOException;

  /**
   * Restores the checkpoint of a prepared recovery and returns once the restored JVM runs (or has
   * already ended).
   *
   * @throws RestoreFailedException when the restore failed
   */
  StartedApp restore(PreparedRecovery recovery) throws IOException, RestoreFailedException;

  /**
   * Kills a {@link #restore} still in progress, from another thread (the supervisor was stopped).
   */
  default void abort() {}

  /** The error lines of a restore's log: non-empty means the restore itself failed. */
  List<String> restoreErrors(PreparedRecovery recovery);
}
