package io.ftjvm.replayer.cli;

import io.ftjvm.checkpoint.CheckpointMetadata;
import io.ftjvm.replayer.supervisor.CheckpointCandidate;
import io.ftjvm.replayer.supervisor.StateDir;
import io.ftjvm.replayer.supervisor.StateStatus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    usageHelpWidth = 110,
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the state of a fault-tolerant run: is the program alive (app.pid), its checkpoints",
      "(sequence, incarnation, time, image size, dump pause; or why one cannot be restored), the",
      "log's size per stream and in total, and the recoveries so far (which checkpoint, whether",
      "the program went live again). Reads only; works while the program runs.",
      "",
      "Examples:",
      "  ./ftjvm status /tmp/kv",
      "  ./ftjvm status /tmp/kv --json"
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The state directory of ftjvm run.")
  Path dir;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    StateStatus status = StateStatus.of(StateDir.of(dir), Path.of("/proc"));
    System.out.print(json ? toJson(status) : toText(status));
    return ExitCodes.OK;
  }

  static String toText(StateStatus s) {
    StringBuilder out = new StringBuilder();
    out.append("State directory ").append(s.state()).append('\n');
    out.append("Program: ");
    if (s.appPid() == null) {
      out.append("no app.pid (never started?)");
    } else {
      out.append("pid ").append(s.appPid()).append(", ");
      if (!s.appAlive()) {
        out.append("not running");
      } else if (s.appRunsThisState()) {
        out.append("alive");
      } else {
        out.append("a process with that pid is alive, but it does not run the agent for this dir");
      }
    }
    if (s.endedByItself()) {
      out.append("; ended by itself (recording/end.bin)");
    }
    out.append('\n');

    out.append("\nCheckpoints: ").append(s.checkpoints().size()).append('\n');
    if (!s.checkpoints().isEmpty()) {
      out.append(
          String.format(
              "  %8s  %11s  %-24s  %10s  %8s  %s%n",
              "sequence", "incarnation", "time", "image", "pause", "state"));
    }
    for (CheckpointCandidate c : s.checkpointsOldestFirst()) {
      CheckpointMetadata m = c.checkpoint() == null ? null : c.checkpoint().metadata();
      out.append(
          String.format(
              "  %8d  %11s  %-24s  %10s  %8s  %s%n",
              c.sequence(),
              m == null ? "-" : Long.toString(m.incarnation()),
              m == null ? "-" : m.time().toString(),
              m == null ? "-" : bytes(m.imageSizeBytes()),
              m == null ? "-" : m.dumpDuration().toMillis() + " ms",
              c.usable() ? "complete" : c.problem()));
    }

    out.append("\nLog: ")
        .append(s.streamBytes().size())
        .append(" streams, ")
        .append(bytes(s.totalLogBytes()))
        .append(" in total, ")
        .append(s.totalLogDiskBytes() < 0 ? "?" : bytes(s.totalLogDiskBytes()))
        .append(" on disk (garbage collection frees what no kept checkpoint needs)\n");
    for (Map.Entry<String, Long> e : s.streamBytes().entrySet()) {
      long disk = s.streamDiskBytes().getOrDefault(e.getKey(), -1L);
      out.append(
          String.format(
              "  %-12s %12d bytes, %12s on disk%n",
              e.getKey(), e.getValue(), disk < 0 ? "?" : Long.toString(disk)));
    }

    out.append("\nRecoveries: ").append(s.recoveries().size()).append('\n');
    for (StateStatus.Recovery r : s.recoveries()) {
      out.append(
          String.format(
              "  %06d  checkpoint %-6s  %s%n",
              r.number(),
              r.checkpoint() < 0 ? "?" : Long.toString(r.checkpoint()),
              recoveryOutcome(r)));
    }
    return out.toString();
  }

  private static String recoveryOutcome(StateStatus.Recovery r) {
    if (r.live()) {
      return "went live";
    }
    if (r.diverged()) {
      return "diverged during the replay (see agent.log)";
    }
    if (r.failed() != null) {
      return "failed: " + r.failed().replace("\n", " ");
    }
    return "did not go live (yet)";
  }

  static String toJson(StateStatus s) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"state\": ").append(Json.string(s.state().toString())).append(",\n");
    out.append("  \"app\": {\"pid\": ")
        .append(s.appPid() == null ? "null" : s.appPid().toString())
        .append(", \"alive\": ")
        .append(s.appAlive())
        .append(", \"runsAgentForThisState\": ")
        .append(s.appRunsThisState())
        .append(", \"endedByItself\": ")
        .append(s.endedByItself())
        .append("},\n");
    out.append("  \"checkpoints\": [");
    boolean first = true;
    for (CheckpointCandidate c : s.checkpointsOldestFirst()) {
      CheckpointMetadata m = c.checkpoint() == null ? null : c.checkpoint().metadata();
      out.append(first ? "\n    {" : ",\n    {");
      first = false;
      out.append("\"sequence\": ").append(c.sequence());
      if (m != null) {
        out.append(", \"incarnation\": ").append(m.incarnation());
        out.append(", \"time\": ").append(Json.string(m.time().toString()));
        out.append(", \"imageBytes\": ").append(m.imageSizeBytes());
        out.append(", \"pauseMillis\": ").append(m.dumpDuration().toMillis());
      }
      out.append(", \"complete\": ").append(c.usable());
      out.append(", \"problem\": ").append(Json.string(c.problem()));
      out.append('}');
    }
    out.append(first ? "],\n" : "\n  ],\n");
    out.append("  \"log\": {\"totalBytes\": ").append(s.totalLogBytes());
    out.append(", \"diskBytes\": ").append(s.totalLogDiskBytes()).append(", \"streams\": {");
    first = true;
    for (Map.Entry<String, Long> e : s.streamBytes().entrySet()) {
      out.append(first ? "" : ", ")
          .append(Json.string(e.getKey()))
          .append(": ")
          .append(e.getValue());
      first = false;
    }
    out.append("}},\n");
    out.append("  \"recoveries\": [");
    first = true;
    for (StateStatus.Recovery r : s.recoveries()) {
      out.append(first ? "\n    {" : ",\n    {");
      first = false;
      out.append("\"number\": ").append(r.number());
      out.append(", \"checkpoint\": ").append(r.checkpoint() < 0 ? "null" : r.checkpoint());
      out.append(", \"live\": ").append(r.live());
      out.append(", \"diverged\": ").append(r.diverged());
      out.append(", \"failed\": ").append(Json.string(r.failed()));
      out.append('}');
    }
    out.append(first ? "]\n" : "\n  ]\n");
    return out.append("}\n").toString();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }
}
