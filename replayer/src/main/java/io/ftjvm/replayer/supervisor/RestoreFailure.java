package io.ftjvm.replayer.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a CRIU restore failed, told apart by what the supervisor should do about it: a damaged image
 * will never restore (fall back to an older checkpoint), while a restore that was interrupted, or
 * failed for a reason that has nothing to do with the images, may well succeed on the same
 * checkpoint (retry it, and keep the work it holds).
 *
 * <p>Read from CRIU's exit status and the {@code Error} lines of its restore log. One trap: when a
 * restore fails for any reason, CRIU kills the tasks it was restoring itself and logs {@code <pid>
 * killed by signal 9} <em>after</em> the real cause. So a kill only counts as an interruption when
 * it is the first error; otherwise the first error is the cause.
 *
 * @param kind what happened
 * @param reason one sentence for supervisor.log, naming the damaged file when there is one
 * @param errors CRIU's error lines (without the harmless one)
 */
public record RestoreFailure(Kind kind, String reason, List<String> errors) {

  public enum Kind {
    /** An image file is damaged or missing: this checkpoint will never restore. */
    DAMAGED,
    /** CRIU or a task it was restoring was killed from outside: the images are fine. */
    INTERRUPTED,
    /** Anything else (an environment problem, a hang): worth another try or two. */
    TRANSIENT
  }

  /** CRIU's summary line after any failure: it says nothing about the cause. */
  static final String SUMMARY = "Restoring FAILED";

  private static final Pattern KILLED = Pattern.compile("killed by signal (\\d+)");

  /** An image file named in an error line, e.g. {@code /state/checkpoints/ckpt-7/pages-1.img}. */
  private static final Pattern IMAGE_FILE = Pattern.compile("([^\\s:'\"()]*\\.img)\\b");

  /**
   * What CRIU says about an image it cannot read (lower case): protobuf images that do not decode
   * ({@code Failed unpacking object ... from <file>}, measured with a flipped byte in
   * inventory.img), short reads and bad magic numbers.
   */
  private static final List<String> DAMAGE_WORDS =
      List.of("failed unpacking", "unexpected eof", "magic", "corrupt", "can't open image");

  public RestoreFailure {
    errors = List.copyOf(errors);
  }

  public boolean damaged() {
    return kind == Kind.DAMAGED;
  }

  /**
   * Classifies a failed restore.
   *
   * @param criuStatus CRIU's exit status, or -1 when it did not end by itself (it hung and was
   *     killed by the supervisor)
   * @param errors the restore log's error lines, harmless one excluded ({@link RestoreLog#errors})
   */
  public static RestoreFailure classify(int criuStatus, List<String> errors) {
    List<String> causes = new ArrayList<>();
    for (String e : errors) {
      if (!e.contains(SUMMARY)) {
        causes.add(e);
      }
    }
    if (criuStatus == -1) {
      return new RestoreFailure(
          Kind.TRANSIENT, "CRIU hung and was killed (its images may still be fine)", errors);
    }
    if (causes.isEmpty()) {
      if (criuStatus > 128) {
        return new RestoreFailure(
            Kind.INTERRUPTED,
            "CRIU was killed by signal " + (criuStatus - 128) + " while restoring",
            errors);
      }
      return new RestoreFailure(
          Kind.TRANSIENT,
          "CRIU exited with status " + criuStatus + " without saying why in its log",
          errors);
    }
    String first = causes.get(0);
    Matcher killed = KILLED.matcher(first);
    if (killed.find()) {
      return new RestoreFailure(
          Kind.INTERRUPTED,
          "a task CRIU was restoring was killed by signal "
              + killed.group(1)
              + " from outside (the first error is: "
              + first
              + ")",
          errors);
    }
    for (String cause : causes) {
      Optional<String> damage = damage(cause);
      if (damage.isPresent()) {
        return new RestoreFailure(Kind.DAMAGED, damage.get(), errors);
      }
    }
    return new RestoreFailure(
        Kind.TRANSIENT, "CRIU failed for a reason that is not a damaged image: " + first, errors);
  }

  /** The damaged image an error line is about, as a sentence; empty when it is about no image. */
  static Optional<String> damage(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    Matcher file = IMAGE_FILE.matcher(line);
    boolean namesImage = file.find();
    boolean damageWords = DAMAGE_WORDS.stream().anyMatch(lower::contains);
    if (!namesImage && !damageWords) {
      return Optional.empty();
    }
    String what = namesImage ? "the image " + file.group(1) : "an image";
    return Optional.of(what + " is damaged or unreadable (CRIU: " + line + ")");
  }
}
