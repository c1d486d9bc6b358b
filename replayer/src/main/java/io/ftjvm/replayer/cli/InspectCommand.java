package io.ftjvm.replayer.cli;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.ThreadStreamReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    usageHelpWidth = 110,
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what a recording holds.",
      "Without --events: a summary (program, duration, threads, events and bytes by type and by",
      "thread, locks and their threads, channels and their bytes). With --events: the determinants",
      "themselves, filtered. With --lock ID: one lock's acquisition order across threads.",
      "",
      "Examples:",
      "  ./ftjvm inspect rec1",
      "  ./ftjvm inspect rec1 --events --thread 1 --type SOCKET_READ --from 10 --to 20",
      "  ./ftjvm inspect rec1 --lock 7",
      "  ./ftjvm inspect rec1 --json"
    })
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The recording directory.")
  Path dir;

  @Option(names = "--events", description = "List the determinants instead of the summary.")
  boolean events;

  @Option(
      names = "--thread",
      paramLabel = "ID",
      description = "Only these logical threads (repeatable).")
  List<String> threads = new ArrayList<>();

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Only these event types (repeatable), e.g. CLOCK_MILLIS, SOCKET_READ.")
  List<String> types = new ArrayList<>();

  @Option(names = "--from", paramLabel = "N", description = "First event index (per thread).")
  long from = 0;

  @Option(
      names = "--to",
      paramLabel = "N",
      description = "Last event index (per thread), inclusive.")
  long to = Long.MAX_VALUE;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: all).")
  long limit = Long.MAX_VALUE;

  @Option(
      names = "--lock",
      paramLabel = "ID",
      description =
          "The acquisition order of one lock (or atomic variable), across threads: which thread"
              + " took it, at which of its events.")
  Integer lock;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() {
    List<EventType> wanted = new ArrayList<>();
    for (String type : types) {
      try {
        wanted.add(EventType.valueOf(type.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UserError(
            "unknown event type '"
                + type
                + "'; known: "
                + java.util.Arrays.toString(EventType.values()));
      }
    }
    try {
      Recording recording = Recording.open(dir);
      for (String thread : threads) {
        if (!recording.threadIds().contains(thread)) {
          throw new UserError(
              "the recording has no thread " + thread + "; it has " + recording.threadIds());
        }
      }
      if (lock != null) {
        LockOrderListing.print(recording, lock, json, System.out);
      } else if (events) {
        listEvents(recording, wanted, System.out);
      } else {
        RecordingSummary summary = RecordingSummary.of(recording, new Progress("reading " + dir));
        System.out.print(json ? summary.toJson() : summary.toText());
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new UserError("cannot inspect " + dir + ": " + e.getMessage());
    }
  }

  private void listEvents(Recording recording, List<EventType> wanted, PrintStream out)
      throws IOException {
    List<String> ids = threads.isEmpty() ? recording.threadIds() : threads;
    long shown = 0;
    if (json) {
      out.println("[");
    }
    boolean first = true;
    for (String id : ids) {
      ThreadStreamReader reader = recording.stream(id);
      while (reader.hasNext() && shown < limit) {
        Determinant d = reader.next();
        if (d.eventIndex() < from || d.eventIndex() > to) {
          continue;
        }
        if (!wanted.isEmpty() && !wanted.contains(d.type())) {
          continue;
        }
        if (json) {
          out.print((first ? "  " : ",\n  ") + Json.event(id, d));
          first = false;
        } else {
          out.println(String.format("%-10s %8d  %s", id, d.eventIndex(), EventText.of(d)));
        }
        shown++;
      }
    }
    if (json) {
      out.println("\n]");
    }
  }
}
