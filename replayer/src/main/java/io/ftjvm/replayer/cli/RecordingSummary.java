package io.ftjvm.replayer.cli;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.RunEnd;
import io.ftjvm.capture.recording.ThreadStreamReader;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counts and sizes of everything in a recording, for {@code ftjvm inspect}. */
final class RecordingSummary {
  /** count and encoded bytes. */
  static final class Tally {
    long count;
    long bytes;

    void add(long size) {
      count++;
      bytes += size;
    }
  }

  /** What is known of one channel. */
  static final class Channel {
    String how = "seen";
    String peer = "";
    String thread = "";
    long reads;
    long readBytes;
    long writes;
    long writeBytes;
  }

  private final RunContext context;
  private final Optional<RunEnd> end;
  private final Map<EventType, Tally> byType = new EnumMap<>(EventType.class);
  private final Map<String, Tally> byThread = new LinkedHashMap<>();

  /** Streams of fork-join tasks (they start with TASK_RUN): counted together in the text. */
  private final java.util.Set<String> tasks = new java.util.HashSet<>();

  private final Map<Integer, Channel> channels = new TreeMap<>();
  private final Tally total = new Tally();
  private final Map<Integer, Tally> locks = new TreeMap<>();
  private final Map<Integer, java.util.Set<String>> lockThreads = new TreeMap<>();
  private final String dir;

  private RecordingSummary(String dir, RunContext context, Optional<RunEnd> end) {
    this.dir = dir;
    this.context = context;
    this.end = end;
  }

  static RecordingSummary of(Recording recording, Progress progress) throws IOException {
    RecordingSummary summary =
        new RecordingSummary(recording.dir().toString(), recording.context(), recording.end());
    List<String> ids = recording.threadIds();
    for (int i = 0; i < ids.size(); i++) {
      progress.update(i, ids.size());
      String id = ids.get(i);
      Tally thread = summary.byThread.computeIfAbsent(id, k -> new Tally());
      ThreadStreamReader reader = recording.stream(id);
      while (reader.hasNext()) {
        Determinant d = reader.next();
        if (thread.count == 0 && d.type() == EventType.TASK_RUN) {
          summary.tasks.add(id);
        }
        thread.add(d.encodedSize());
        summary.total.add(d.encodedSize());
        summary.byType.computeIfAbsent(d.type(), k -> new Tally()).add(d.encodedSize());
        summary.channel(id, d);
      }
    }
    progress.update(ids.size(), ids.size());
    return summary;
  }

  private void channel(String thread, Determinant d) {
    if (d.type().isLockTurn()) {
      Tally lock = locks.computeIfAbsent(d.channel(), k -> new Tally());
      lock.add(0);
      lockThreads.computeIfAbsent(d.channel(), k -> new java.util.TreeSet<>()).add(thread);
      return;
    }
    if (!d.type().name().startsWith("SOCKET_") || d.channel() < 0) {
      return;
    }
    Channel c = channels.computeIfAbsent(d.channel(), k -> new Channel());
    switch (d.type()) {
      case SOCKET_ACCEPT:
      case SOCKET_CONNECT:
        c.how = d.type() == EventType.SOCKET_ACCEPT ? "accepted" : "connected";
        c.peer = d.text() + ":" + d.value();
        c.thread = thread;
        break;
      case SOCKET_BIND:
        c.how = "listening";
        c.peer = "port " + d.value();
        c.thread = thread;
        break;
      case SOCKET_READ:
        c.reads++;
        c.readBytes += d.bytes().length;
        break;
      case SOCKET_WRITE:
        c.writes++;
        c.writeBytes += d.bytes().length;
        break;
      default:
        break;
    }
  }

  private String duration() {
    if (end.isEmpty()) {
      return "unknown: the recorded process did not exit normally (killed or crashed)";
    }
    double seconds = (end.get().endEpochMillis() - context.startEpochMillis()) / 1000.0;
    return String.format("%.3f s, exit status %d", seconds, end.get().exitStatus());
  }

  String toText() {
    StringBuilder out = new StringBuilder();
    out.append("recording  ").append(dir).append('\n');
    out.append("program    ")
        .append(context.mainClass())
        .append(' ')
        .append(String.join(" ", context.appArguments()))
        .append('\n');
    out.append("java       ")
        .append(context.javaVersion())
        .append(" (")
        .append(context.javaVendor())
        .append(context.processors() > 0 ? "), " + context.processors() + " processors\n" : ")\n");
    out.append("started    ").append(Instant.ofEpochMilli(context.startEpochMillis())).append('\n');
    out.append("duration   ").append(duration()).append('\n');
    out.append("threads    ").append(byThread.size() - tasks.size());
    if (!tasks.isEmpty()) {
      out.append(", and ").append(tasks.size()).append(" fork-join tasks");
    }
    out.append('\n');
    out.append(
        String.format(
            "events     %d in %d bytes (%.2f bytes/event)%n",
            total.count, total.bytes, ratio(total)));
    out.append(String.format("%nby type                count        bytes  bytes/event%n"));
    byType.forEach(
        (type, t) ->
            out.append(
                String.format("  %-18s %9d %12d %12.2f%n", type, t.count, t.bytes, ratio(t))));
    out.append(String.format("%nby thread              count        bytes%n"));
    byThread.forEach(
        (id, t) -> {
          if (!tasks.contains(id)) {
            out.append(String.format("  %-18s %9d %12d%n", id, t.count, t.bytes));
          }
        });
    if (!tasks.isEmpty()) {
      long taskEvents = 0;
      long taskBytes = 0;
      for (String id : tasks) {
        taskEvents += byThread.get(id).count;
        taskBytes += byThread.get(id).bytes;
      }
      out.append(
          String.format("  %-18s %9d %12d%n", tasks.size() + " tasks", taskEvents, taskBytes));
      out.append(
          "  (a fork-join task's stream is numbered among the children of the thread or task that"
              + " forked it; --thread ID shows one)\n");
    }
    if (!locks.isEmpty()) {
      out.append(String.format("%nlocks (and atomics)  acquisitions  threads%n"));
      locks.forEach(
          (id, t) ->
              out.append(
                  String.format(
                      "  lock %-14d %12d  %s%n", id, t.count, shortList(lockThreads.get(id)))));
      out.append("  (./ftjvm inspect DIR --lock ID shows one lock's acquisition order)\n");
    }
    if (!channels.isEmpty()) {
      out.append(String.format("%nchannels%n"));
      channels.forEach(
          (id, c) ->
              out.append(
                  String.format(
                      "  #%-4d %-10s %-28s thread %-8s read %d B in %d reads, wrote %d B in %d writes%n",
                      id, c.how, c.peer, c.thread, c.readBytes, c.reads, c.writeBytes, c.writes)));
    }
    return out.toString();
  }

  /** At most 8 thread ids, then how many more (a lock a thousand tasks took). */
  private static String shortList(java.util.Set<String> ids) {
    if (ids.size() <= 8) {
      return String.join(",", ids);
    }
    return String.join(",", ids.stream().limit(8).toList()) + " and " + (ids.size() - 8) + " more";
  }

  String toJson() {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"recording\": ").append(Json.string(dir)).append(",\n");
    out.append("  \"mainClass\": ").append(Json.string(context.mainClass())).append(",\n");
    out.append("  \"javaVersion\": ").append(Json.string(context.javaVersion())).append(",\n");
    out.append("  \"processors\": ").append(context.processors()).append(",\n");
    out.append("  \"startEpochMillis\": ").append(context.startEpochMillis()).append(",\n");
    out.append("  \"ended\": ").append(end.isPresent()).append(",\n");
    end.ifPresent(
        e ->
            out.append("  \"exitStatus\": ")
                .append(e.exitStatus())
                .append(",\n")
                .append("  \"endEpochMillis\": ")
                .append(e.endEpochMillis())
                .append(",\n"));
    out.append("  \"threads\": ").append(byThread.size() - tasks.size()).append(",\n");
    out.append("  \"tasks\": ").append(tasks.size()).append(",\n");
    out.append("  \"events\": ").append(total.count).append(",\n");
    out.append("  \"bytes\": ").append(total.bytes).append(",\n");
    out.append("  \"byType\": {");
    appendTallies(out, byType);
    out.append("},\n  \"byThread\": {");
    appendTallies(out, byThread);
    out.append("},\n  \"locks\": {");
    appendTallies(out, locks);
    out.append("},\n  \"channels\": [");
    boolean first = true;
    for (Map.Entry<Integer, Channel> e : channels.entrySet()) {
      Channel c = e.getValue();
      out.append(first ? "\n" : ",\n")
          .append("    {\"id\": ")
          .append(e.getKey())
          .append(", \"how\": ")
          .append(Json.string(c.how))
          .append(", \"peer\": ")
          .append(Json.string(c.peer))
          .append(", \"thread\": ")
          .append(Json.string(c.thread))
          .append(", \"reads\": ")
          .append(c.reads)
          .append(", \"readBytes\": ")
          .append(c.readBytes)
          .append(", \"writes\": ")
          .append(c.writes)
          .append(", \"writeBytes\": ")
          .append(c.writeBytes)
          .append('}');
      first = false;
    }
    out.append(first ? "]\n}\n" : "\n  ]\n}\n");
    return out.toString();
  }

  private static void appendTallies(StringBuilder out, Map<?, Tally> tallies) {
    boolean first = true;
    for (Map.Entry<?, Tally> e : tallies.entrySet()) {
      out.append(first ? "\n" : ",\n")
          .append("    ")
          .append(Json.string(String.valueOf(e.getKey())))
          .append(": {\"count\": ")
          .append(e.getValue().count)
          .append(", \"bytes\": ")
          .append(e.getValue().bytes)
          .append('}');
      first = false;
    }
    if (!first) {
      out.append("\n  ");
    }
  }

  private static double ratio(Tally t) {
    return t.count == 0 ? 0 : (double) t.bytes / t.count;
  }
}
