package io.ftjvm.bench;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Determinants in a (possibly still growing) log, counted by {@code ftjvm inspect --json}. */
final class EventCount {
  private static final Pattern EVENTS = Pattern.compile("\"events\": (\\d+)");

  private EventCount() {}

  static long of(FtjvmCli cli, Path recording) throws Exception {
    FtjvmCli.Result r = cli.run("inspect", recording.toString(), "--json");
    Matcher m = EVENTS.matcher(r.output());
    if (r.status() != 0 || !m.find()) {
      throw new IllegalStateException("ftjvm inspect " + recording + " failed: " + r.output());
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * The count once the log stopped growing (two equal counts 300 ms apart): handler threads may
   * still log the end of a connection after the client saw its last answer.
   */
  static long settled(FtjvmCli cli, Path recording) throws Exception {
    long previous = of(cli, recording);
    for (int i = 0; i < 50; i++) {
      Thread.sleep(300);
      long now = of(cli, recording);
      if (now == previous) {
        return now;
      }
      previous = now;
    }
    throw new IllegalStateException("the log in " + recording + " keeps growing");
  }
}
