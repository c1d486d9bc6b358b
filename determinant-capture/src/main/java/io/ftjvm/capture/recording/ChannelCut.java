package io.ftjvm.capture.recording;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one socket channel stood when a checkpoint was taken: how many bytes the application had
 * read from it and written to it, over all threads. Stored next to the streams' cuts in the
 * checkpoint's metadata as {@code channel.<id>.read} and {@code channel.<id>.written}; it says
 * which part of each connection's traffic the checkpoint's memory already holds.
 *
 * @param channel the channel id the determinants carry
 * @param bytesRead bytes the application read from it before the cut
 * @param bytesWritten bytes the application wrote to it before the cut
 */
public record ChannelCut(int channel, long bytesRead, long bytesWritten) {
  public static final String KEY_PREFIX = "channel.";
  public static final String READ = "read";
  public static final String WRITTEN = "written";

  public static String key(int channel, String field) {
    return KEY_PREFIX + channel + "." + field;
  }

  /** The metadata entries of this cut. */
  public Map<String, Long> entries() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(key(channel, READ), bytesRead);
    out.put(key(channel, WRITTEN), bytesWritten);
    return out;
  }
}
