package io.ftjvm.replayer.cli;

/** How the demo talks: numbered steps flush left, details indented, program output behind "|". */
final class DemoNarration {
  private DemoNarration() {}

  static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** The first {@code lines} lines of a program's output, then how many more there were. */
  static void show(String output, int lines) {
    String[] all = output.split("\n");
    for (int i = 0; i < Math.min(lines, all.length); i++) {
      quote(all[i]);
    }
    if (all.length > lines) {
      quote("... (" + (all.length - lines) + " more lines; last: " + all[all.length - 1] + ")");
    }
  }

  /** One line of what a program or file said. */
  static void quote(String line) {
    System.out.println("     | " + line);
  }
}
