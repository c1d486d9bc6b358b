package io.ftjvm.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The size of every image file of a checkpoint, as the dump left them, kept in the checkpoint's
 * metadata (entries {@code image.<file name>.bytes}, next to the participants' cut) so that a
 * truncated, missing or grown image is refused before a restore, naming the file. This matters
 * because CRIU does not always refuse a damaged image itself: measured with CRIU 4.2.1, a truncated
 * {@code pages-1.img} makes {@code criu restore} spin instead of failing.
 *
 * <p>Only sizes: a flipped byte inside an image is not caught here (CRIU refuses most of those in
 * its protobuf images; one in {@code pages-*.img} goes unnoticed).
 */
public final class ImageInventory {

  /** Prefix of the metadata entries. */
  public static final String KEY_PREFIX = "image.";

  public static final String KEY_SUFFIX = ".bytes";

  private ImageInventory() {}

  /**
   * Whether a file of a checkpoint directory is an image CRIU reads back: not a log, not our
   * metadata, not CRIU's statistics (a restore adds {@code stats-restore}), not our own marks.
   */
  public static boolean isImage(String name) {
    return !name.endsWith(".log")
        && !name.startsWith(CheckpointMetadataFile.FILE_NAME)
        && !name.startsWith("stats-")
        && !name.equals(DAMAGED_MARK);
  }

  /** Written by the supervisor into a checkpoint whose images CRIU could not read. */
  public static final String DAMAGED_MARK = "damaged";

  /** The metadata entries for the image files now in {@code dir}. */
  public static Map<String, String> entries(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (isImage(name) && Files.isRegularFile(p)) {
          out.put(KEY_PREFIX + name + KEY_SUFFIX, Long.toString(Files.size(p)));
        }
      }
    }
    return out;
  }

  /**
   * The first image of {@code dir} whose size differs from what {@code metadata} recorded, as a
   * sentence naming the file; empty when all agree (or the metadata predates the inventory).
   */
  public static Optional<String> check(Path dir, CheckpointMetadata metadata) throws IOException {
    for (Map.Entry<String, String> e : metadata.cut().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(KEY_PREFIX)
          || !key.endsWith(KEY_SUFFIX)
          || key.length() <= KEY_PREFIX.length() + KEY_SUFFIX.length()) {
        continue;
      }
      String name = key.substring(KEY_PREFIX.length(), key.length() - KEY_SUFFIX.length());
      long expected = metadata.cutLong(key);
      Path file = dir.resolve(name);
      if (!file.normalize().getParent().equals(dir.normalize())) {
        return Optional.of("metadata entry '" + key + "' names a file outside " + dir);
      }
      if (!Files.isRegularFile(file)) {
        return Optional.of(file + " is missing (the dump wrote " + expected + " bytes)");
      }
      long size = Files.size(file);
      if (size != expected) {
        return Optional.of(
            file
                + " is "
                + size
                + " bytes long, but the dump wrote "
                + expected
                + (size < expected ? " (truncated)" : " (appended to)"));
      }
    }
    return Optional.empty();
  }
}
