package io.ftjvm.replayer.supervisor;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a failed restore is tried again on the same checkpoint. A damaged image never is; an
 * interrupted restore always is (its images are fine, and the supervisor's limit on recoveries in a
 * row without going live still stops a loop); any other failure is retried {@link
 * #TRANSIENT_RETRIES} times per checkpoint, then the checkpoint is given up for an older one.
 */
final class RestoreRetries {

  /** Retries of one checkpoint after failures that are neither damage nor an interruption. */
  static final int TRANSIENT_RETRIES = 2;

  private final Map<Long, Integer> transientFailures = new HashMap<>();

  /** Records a failed restore of {@code checkpoint}; true when it should be tried again. */
  boolean retry(long checkpoint, RestoreFailure failure) {
    switch (failure.kind()) {
      case DAMAGED:
        return false;
      case INTERRUPTED:
        return true;
      default:
        int n = transientFailures.merge(checkpoint, 1, Integer::sum);
        return n <= TRANSIENT_RETRIES;
    }
  }

  /** How many transient failures {@code checkpoint} had so far. */
  int transientFailures(long checkpoint) {
    return transientFailures.getOrDefault(checkpoint, 0);
  }
}
