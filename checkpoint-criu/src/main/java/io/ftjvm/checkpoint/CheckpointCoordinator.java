package io.ftjvm.checkpoint;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Takes one checkpoint end to end: a new directory in the {@link ImageStore}, the participants'
 * {@code beforeCheckpoint}, the engine's dump, then {@code afterCheckpoint} in the original process
 * (or {@code afterRestore} in a restored one), and only then the {@link CheckpointMetadata} (which
 * makes the checkpoint complete) and retention. The application resumes as soon as the dump is
 * done: writing the metadata and deleting old images (hundreds of MiB, measured at up to a second
 * with 512 MiB images) are not part of its pause. A crash in between leaves an incomplete
 * checkpoint, which is skipped like one whose dump failed.
 *
 * <p>After a restore the incarnation becomes the checkpoint's incarnation + 1. (Restoring the same
 * checkpoint twice therefore yields the same incarnation twice; a recovery coordinator that does
 * that must hand out incarnations itself.)
 */
public final class CheckpointCoordinator {

  private static final System.Logger LOG = System.getLogger(CheckpointCoordinator.class.getName());

  private final CheckpointEngine engine;
  private final ImageStore store;
  private final ParticipantRegistry participants;
  private final Clock clock;
  private long incarnation;

  public CheckpointCoordinator(
      CheckpointEngine engine,
      ImageStore store,
      ParticipantRegistry participants,
      long incarnation) {
    this(engine, store, participants, incarnation, Clock.systemUTC());
  }

  public CheckpointCoordinator(
      CheckpointEngine engine,
      ImageStore store,
      ParticipantRegistry participants,
      long incarnation,
      Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.participants = Objects.requireNonNull(participants, "participants");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation: " + incarnation);
    }
    this.incarnation = incarnation;
  }

  /** The current incarnation of this process. */
  public synchronized long incarnation() {
    return incarnation;
  }

  /** Where the checkpoints are kept (and pruned). */
  public ImageStore store() {
    return store;
  }

  /**
   * Takes a checkpoint. Returns {@link CheckpointResult.Outcome#ORIGINAL} once the checkpoint is
   * complete, and {@link CheckpointResult.Outcome#RESTORED} in a process restored from it (after
   * the participants' {@code afterRestore}).
   *
   * @throws CheckpointException when no complete checkpoint was taken (the incomplete directory is
   *     removed), or when participants failed after a restore
   */
  public synchronized CheckpointResult checkpoint() throws CheckpointException {
    Path dir;
    try {
      dir = store.createCheckpointDir();
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot create a checkpoint directory in " + store.root() + ": " + e, e);
    }
    CheckpointContext context = new CheckpointContext(dir, ImageStore.sequenceOf(dir), incarnation);
    List<CheckpointParticipant> prepared;
    try {
      prepared = participants.beforeCheckpoint(context);
    } catch (CheckpointException e) {
      discard(dir, e);
      throw e;
    }
    Instant time = clock.instant();
    CheckpointResult result;
    try {
      result = engine.checkpoint(dir);
    } catch (CheckpointException e) {
      abort(prepared, context, dir, e);
      throw e;
    } catch (RuntimeException e) {
      CheckpointException failure =
          new CheckpointException("checkpoint " + context.sequence() + " failed: " + e, e);
      abort(prepared, context, dir, failure);
      throw failure;
    }

    if (result.isRestored()) {
      incarnation = context.incarnation() + 1;
      participants.afterRestore(prepared, context);
      return result;
    }

    participants.afterCheckpoint(prepared, context, true);
    try {
      // The images' sizes go with the cut, so a supervisor can refuse a truncated image.
      Map<String, String> cut = new TreeMap<>(context.cut());
      cut.putAll(ImageInventory.entries(dir));
      CheckpointMetadata metadata =
          new CheckpointMetadata(
              context.incarnation(),
              context.sequence(),
              time,
              result.imageSizeBytes(),
              result.dumpDuration(),
              engine.name(),
              cut);
      CheckpointMetadataFile.write(dir, metadata);
    } catch (IOException | RuntimeException e) {
      CheckpointException failure =
          new CheckpointException(
              "checkpoint "
                  + context.sequence()
                  + ": writing its metadata into "
                  + dir
                  + " failed: "
                  + e,
              e);
      discard(dir, failure); // the participants have resumed already: only the images go
      throw failure;
    }
    try {
      store.prune();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "pruning old checkpoints in " + store.root() + " failed: " + e, e);
    }
    return result;
  }

  private void abort(
      List<CheckpointParticipant> prepared,
      CheckpointContext context,
      Path dir,
      CheckpointException failure) {
    try {
      participants.afterCheckpoint(prepared, context, false);
    } catch (CheckpointException e) {
      failure.addSuppressed(e);
    }
    discard(dir, failure);
  }

  private static void discard(Path dir, CheckpointException failure) {
    try {
      ImageFiles.deleteRecursively(dir);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
