package io.ftjvm.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ordered list of {@link CheckpointParticipant}s. Before a checkpoint they are called in
 * registration order; afterwards (in the original or in a restored process) in reverse order, so
 * whatever was set up first is torn down last.
 */
public final class ParticipantRegistry {

  private final CopyOnWriteArrayList<CheckpointParticipant> participants =
      new CopyOnWriteArrayList<>();

  /** Appends a participant; registering the same object twice is refused. */
  public void register(CheckpointParticipant participant) {
    if (!participants.addIfAbsent(participant)) {
      throw new IllegalArgumentException(
          "participant " + participant.name() + " is already registered");
    }
  }

  public boolean unregister(CheckpointParticipant participant) {
    return participants.remove(participant);
  }

  /** The participants in registration order. */
  public List<CheckpointParticipant> participants() {
    return List.copyOf(participants);
  }

  /**
   * Calls {@link CheckpointParticipant#beforeCheckpoint} in order and returns the participants
   * prepared (pass them to {@link #afterCheckpoint} / {@link #afterRestore}). When one fails, those
   * already prepared get {@code afterCheckpoint(context, false)} in reverse order and the failure
   * is thrown.
   */
  public List<CheckpointParticipant> beforeCheckpoint(CheckpointContext context)
      throws CheckpointException {
    List<CheckpointParticipant> snapshot = participants();
    List<CheckpointParticipant> prepared = new ArrayList<>();
    for (CheckpointParticipant p : snapshot) {
      try {
        p.beforeCheckpoint(context);
        prepared.add(p);
      } catch (Exception e) {
        CheckpointException failure =
            new CheckpointException(
                "checkpoint "
                    + context.sequence()
                    + " aborted: participant "
                    + p.name()
                    + " failed before the checkpoint: "
                    + e,
                e);
        try {
          afterCheckpoint(prepared, context, false);
        } catch (CheckpointException rollback) {
          failure.addSuppressed(rollback);
        }
        throw failure;
      }
    }
    return prepared;
  }

  /**
   * Calls {@link CheckpointParticipant#afterCheckpoint} on {@code prepared} in reverse order. Every
   * participant is called even when one fails; the failures are then thrown together.
   */
  public void afterCheckpoint(
      List<CheckpointParticipant> prepared, CheckpointContext context, boolean completed)
      throws CheckpointException {
    CheckpointException failure = null;
    for (int i = prepared.size() - 1; i >= 0; i--) {
      CheckpointParticipant p = prepared.get(i);
      try {
        p.afterCheckpoint(context, completed);
      } catch (Exception e) {
        failure =
            chain(
                failure,
                new CheckpointException(
                    "participant "
                        + p.name()
                        + " failed after checkpoint "
                        + context.sequence()
                        + ": "
                        + e,
                    e));
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Calls {@link CheckpointParticipant#afterRestore} on {@code prepared} in reverse order. Every
   * participant is called even when one fails; the failures are then thrown together.
   */
  public void afterRestore(List<CheckpointParticipant> prepared, CheckpointContext context)
      throws CheckpointException {
    CheckpointException failure = null;
    for (int i = prepared.size() - 1; i >= 0; i--) {
      CheckpointParticipant p = prepared.get(i);
      try {
        p.afterRestore(context);
      } catch (Exception e) {
        failure =
            chain(
                failure,
                new CheckpointException(
                    "participant "
                        + p.name()
                        + " failed after restore from checkpoint "
                        + context.sequence()
                        + ": "
                        + e,
                    e));
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static CheckpointException chain(CheckpointException first, CheckpointException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
