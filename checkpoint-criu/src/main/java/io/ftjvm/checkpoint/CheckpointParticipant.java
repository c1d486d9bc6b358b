package io.ftjvm.checkpoint;

/**
 * Something that must act around a checkpoint: quiesce before the dump, record its part of the cut,
 * resume afterwards, and repair itself in a restored process (reconnect channels, re-read the true
 * end of its logs, drop stale attach files, ...).
 *
 * <p>Participants are called by a {@link ParticipantRegistry}: {@link #beforeCheckpoint} in
 * registration order, {@link #afterCheckpoint} and {@link #afterRestore} in reverse order.
 */
public interface CheckpointParticipant {

  /** Name used in error messages. */
  default String name() {
    return getClass().getName();
  }

  /**
   * Called before the dump. May record cut entries in {@code context}. Throwing aborts the
   * checkpoint: participants already prepared get {@link #afterCheckpoint} with {@code
   * completed=false}.
   */
  void beforeCheckpoint(CheckpointContext context) throws Exception;

  /**
   * Called in the original process once the dump is done ({@code completed == true}: the images are
   * on disk; the metadata that makes the checkpoint complete is written right after, so that the
   * application does not wait for it), or after the dump failed or was aborted ({@code completed ==
   * false}), for every participant whose {@link #beforeCheckpoint} succeeded.
   */
  default void afterCheckpoint(CheckpointContext context, boolean completed) throws Exception {}

  /** Called in a process restored from the checkpoint, before the application runs on. */
  void afterRestore(CheckpointContext context) throws Exception;
}
