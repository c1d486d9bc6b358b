package io.ftjvm.replayer.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state directory of a running JVM, read from its command line ({@code /proc/PID/cmdline}): the
 * {@code state=} option of its {@code -javaagent:...=mode=ft,state=DIR,...}.
 */
public final class AgentProcess {

  private AgentProcess() {}

  /**
   * The state directory of process {@code pid}.
   *
   * @throws Refusal when there is no such process, or it does not run the agent in ft mode
   */
  public static StateDir stateOf(long pid, Path proc) {
    Path cmdline = proc.resolve(Long.toString(pid)).resolve("cmdline");
    byte[] raw;
    try {
      raw = Files.readAllBytes(cmdline);
    } catch (NoSuchFileException e) {
      throw new Refusal("there is no process " + pid + " (" + cmdline + " does not exist)");
    } catch (IOException e) {
      throw new Refusal("cannot read the command line of process " + pid + ": " + e);
    }
    if (raw.length == 0) {
      throw new Refusal("process " + pid + " has no command line (a kernel thread, or a zombie)");
    }
    return stateFromCommandLine(pid, split(raw));
  }

  static List<String> split(byte[] cmdline) {
    List<String> args = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        args.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < cmdline.length) {
      args.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
    }
    return args;
  }

  static StateDir stateFromCommandLine(long pid, List<String> args) {
    String modes = null;
    for (String arg : JvmOptions.of(args.isEmpty() ? args : args.subList(1, args.size()))) {
      if (!arg.startsWith("-javaagent:")) {
        continue;
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        continue;
      }
      Map<String, String> options = options(arg.substring(eq + 1));
      String mode = options.get("mode");
      if ("ft".equals(mode) && options.containsKey("state")) {
        return StateDir.of(Path.of(options.get("state")));
      }
      modes = (modes == null ? "" : modes + ", ") + "mode=" + mode;
    }
    throw new Refusal(
        "process "
            + pid
            + " does not run the FT-JVM agent in ft mode"
            + (modes == null ? " (it has no -javaagent option with options)" : " (" + modes + ")")
            + ": start it with ftjvm run");
  }

  /** Agent options: comma-separated {@code key=value}. */
  static Map<String, String> options(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }
}
